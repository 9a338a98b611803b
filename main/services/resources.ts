import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where bundled resources (sample PDF, icons) live: beside the packaged app (electron-builder extraResources),
 * else the repository's resources/ folder.
 */
export function resourcesDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(path.join(packaged, 'resources'))) return path.join(packaged, 'resources');
  return path.join(repoRoot(), 'resources');
}

export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function samplePdfPath(): string | null {
  const p = path.join(resourcesDir(), 'samples', 'qz2024-budget-ruled.pdf');
  return existsSync(p) ? p : null;
}
