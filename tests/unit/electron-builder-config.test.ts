import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { existsSync } from 'node:fs';

// electron-builder's own loader and schema validator: the same check `electron-builder` runs before packaging.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string | null, opts: null): Promise<Record<string, unknown>>;
  validateConfiguration(c: Record<string, unknown>, log: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (on: boolean) => unknown };

const root = path.resolve(import.meta.dirname, '..', '..');

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('targets Linux, Windows and macOS installers and ships the sample and pdfjs assets', async () => {
    const config = (await getConfig(root, path.join(root, 'electron-builder.yml'), null)) as {
      linux: { target: string[] };
      win: { target: string[] };
      mac: { target: string[] };
      extraResources: { from: string }[];
      linux_icon?: string;
    };
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const r of config.extraResources) expect(existsSync(path.join(root, r.from))).toBe(true);
    expect(existsSync(path.join(root, 'resources/samples/qz2024-budget-ruled.pdf'))).toBe(true);
  });
});
