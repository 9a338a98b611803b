import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('data directory resolution', () => {
  it('prefers the flag, then BUDGET_REVIEW_DATA_DIR, then the OS app-data folder', () => {
    const env = { BUDGET_REVIEW_DATA_DIR: '/from/env' };
    expect(resolveDataDir({ flag: '/from/flag', env })).toBe('/from/flag');
    expect(resolveDataDir({ flag: null, env })).toBe('/from/env');
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/li' })).toBe(
      '/home/li/.config/budget-review-workstation',
    );
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home: '/home/li' })).toBe(
      '/xdg/budget-review-workstation',
    );
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/li' })).toBe(
      '/Users/li/Library/Application Support/budget-review-workstation',
    );
    expect(
      resolveDataDir({ env: { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\li' }),
    ).toBe('C:\\Users\\li\\AppData\\Roaming\\budget-review-workstation');
  });
});
