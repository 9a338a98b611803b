import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function electronRuntimePresent(): boolean {
  try {
    createRequire(import.meta.url)('electron');
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it.skipIf(electronRuntimePresent())(
    'says in one line that Electron is missing, then serves the workstation in the browser',
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'brw-start-'));
      const proc = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data-dir', dataDir], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in 90 s; stderr: ${err}`)), 90_000);
        proc.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Workstation: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/u.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      try {
        const notice = err.split('\n').filter((l) => /Electron/u.test(l));
        expect(notice).toHaveLength(1);
        expect(notice[0]).toMatch(/not available.*browser/u);
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root">');
      } finally {
        proc.kill('SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
