import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Newest modification time below `dir` (sources only), 0 when missing. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Runs `electron-vite build` when out/ is missing or older than renderer/, shared/ or main/. */
export function ensureBuilt() {
  const built = path.join('out', 'renderer', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(newest('renderer'), newest('shared'), newest(path.join('main', 'electron')));
  if (builtAt > sourcesAt) return;
  process.stderr.write('Building the workstation…\n');
  const res = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (res.status !== 0) {
    process.stderr.write('Build failed.\n');
    process.exit(res.status ?? 1);
  }
}
