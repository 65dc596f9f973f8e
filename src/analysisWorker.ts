/**
 * The standalone analysis worker bundle (dist/node/analysisWorker.js) for the processes that are not an extension
 * host: the language server (`tcp-state-notes lsp`) and the bench. The extension itself runs its own bundle as
 * the worker (src/workerMain.ts, features/analysisWorker.ts).
 */
import { warmupNote } from './core/note/warmup';
import { serveAnalysisWorker } from './workerMain';

// Prestarted by the language server, it warms up while the client initializes (workerMain.ts).
serveAnalysisWorker(warmupNote);
