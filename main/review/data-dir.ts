import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'budget-review-workstation';

export interface DataDirSources {
  /** `--data-dir` from the command line or the setting, when given. */
  flag?: string | null;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * Where workspaces live: the explicit flag, else BUDGET_REVIEW_DATA_DIR, else the OS application-data folder.
 * Electron's `app.getPath('userData')` is not used so the CLI, the web host and the desktop app share one store.
 */
export function resolveDataDir(src: DataDirSources = {}): string {
  const env = src.env ?? process.env;
  if (src.flag && src.flag.trim()) return path.resolve(src.flag.trim());
  const fromEnv = env.BUDGET_REVIEW_DATA_DIR?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  const platform = src.platform ?? process.platform;
  const home = src.home ?? os.homedir();
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return path.posix.join(xdg && path.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config'), APP_DIR_NAME);
}
