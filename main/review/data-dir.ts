import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
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

/** Directories the workstation creates are readable by their owner only; files likewise. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * Creates the data directory (owner-only) when missing and takes group / other access away from what an earlier
 * version left readable (0755 / 0644): the journal names reviewers, the PDFs may not be public yet, and the signing
 * key is in there. Never throws: a directory that cannot be created or changed is reported by the operation that
 * needs it, in the store's own words.
 */
export function prepareDataDir(dataDir: string, create = true): void {
  try {
    if (create) mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  } catch {
    return;
  }
  if (process.platform === 'win32') return;
  tighten(dataDir, 0);
}

function tighten(p: string, depth: number): void {
  let st;
  try {
    st = lstatSync(p);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) return;
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  if (uid !== 0 && st.uid !== uid) return;
  if ((st.mode & 0o077) !== 0) {
    try {
      chmodSync(p, st.mode & 0o700);
    } catch {
      // Not ours to change (a read-only mount): leave it.
    }
  }
  // The data dir, its keys / workspaces folders, each workspace and the files in it: nothing deeper is ours.
  if (!st.isDirectory() || depth >= 3) return;
  let entries: string[];
  try {
    entries = readdirSync(p);
  } catch {
    return;
  }
  for (const e of entries) tighten(path.join(p, e), depth + 1);
}
