// The integration suite expects a workspace holding examples/ and fixtures/ (as the code-server harness
// prepares); this makes the same one, in .vscode-test/electron/workspace, for `npm run test:electron`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE } from '../test/harness/provision.mjs';
import { prepareWorkspace } from '../test/harness/workspace.mjs';

const runDir = join(CACHE, 'electron');
rmSync(runDir, { recursive: true, force: true });
console.log(`workspace prepared in ${prepareWorkspace(runDir)}`);
