/**
 * The standalone analysis worker bundle (dist/node/analysisWorker.js) for the processes that are not an extension
 * host: the language server (`tcp-state-notes lsp`) and the bench. The extension itself runs its own bundle as
 * the worker (src/workerMain.ts, features/analysisWorker.ts).
 */
import { serveAnalysisWorker } from './workerMain';

serveAnalysisWorker();
