#!/usr/bin/env node
// `npm start`: the desktop app where Electron's runtime exists; otherwise one line saying so, then the same
// workstation in the browser through the web host.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureBuilt } from './build-if-needed.mjs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the path of its runtime, and throws when the runtime was never downloaded.
    return require('electron');
  } catch {
    return null;
  }
}

ensureBuilt();
let bin = electronBinary();
if (!bin) {
  // Installs skip Electron's download script (.npmrc); fetch the runtime now where the network allows.
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore', timeout: 120_000 });
  bin = electronBinary();
}
if (bin && process.env.BUDGET_REVIEW_BROWSER !== '1') {
  const child = spawn(bin, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(
    'Electron runtime not available on this machine — serving the workstation in your browser instead.\n',
  );
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'main/web/serve.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
