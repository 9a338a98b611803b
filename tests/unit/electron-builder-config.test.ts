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

  it('flips the fuses that close the packaged app to other code: no RunAsNode, no NODE_OPTIONS, no inspector, ASAR only and checked', async () => {
    const config = (await getConfig(root, path.join(root, 'electron-builder.yml'), null)) as {
      asar: boolean;
      electronFuses: Record<string, boolean>;
    };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // The installed electron-builder knows every one of them (its schema refuses unknown keys) and flips them.
    const schema = require('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown>; additionalProperties: boolean } };
    };
    expect(schema.definitions.FuseOptionsV1.additionalProperties).toBe(false);
    for (const key of Object.keys(config.electronFuses))
      expect(schema.definitions.FuseOptionsV1.properties, key).toHaveProperty(key);
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: {
        prototype: { generateFuseConfig(f: Record<string, boolean>): Promise<Record<string, unknown>> };
      };
    };
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };
    const fuses = await PlatformPackager.prototype.generateFuseConfig(config.electronFuses);
    expect(fuses[FuseV1Options.RunAsNode!]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable!]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments!]).toBe(false);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(true);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(true);
  });
});
