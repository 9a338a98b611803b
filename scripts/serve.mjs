#!/usr/bin/env node
// `npm run serve [-- --port N]`: builds the renderer if it is missing or older than its sources, then serves it.
import { spawn } from 'node:child_process';
import { ensureBuilt } from './build-if-needed.mjs';

ensureBuilt();
const child = spawn(process.execPath, ['bin/run-ts.mjs', 'main/web/serve.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
