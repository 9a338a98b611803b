import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import { DIR_MODE, FILE_MODE } from './data-dir';

/**
 * The few file operations the review store needs, behind an interface so tests can make the disk fail
 * (ENOSPC, EIO, a write that stops half-way) without root or a full disk.
 */
export interface ReviewFs {
  mkdir(dir: string): Promise<void>;
  readFile(file: string): Promise<Buffer>;
  readdir(dir: string): Promise<string[]>;
  /** null when the file does not exist. */
  size(file: string): Promise<number | null>;
  /** Creates or replaces `file` with `data` and fsyncs it (not atomic by itself: callers write a temp file). New files
   * are 0600 unless `mode` says otherwise; directories 0700. */
  writeDurable(file: string, data: Uint8Array, mode?: number): Promise<void>;
  /** Cuts the file to `offset` if longer, writes `data` there and fsyncs before resolving. */
  writeAtDurable(file: string, data: Uint8Array, offset: number): Promise<void>;
  truncate(file: string, length: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Makes a rename or a new file in `dir` durable; a no-op where directories cannot be opened (Windows). */
  syncDir(dir: string): Promise<void>;
  /**
   * Replaces a small file all at once without waiting for the disk (temp file + rename, no fsync): for records
   * that may lag behind after a power cut but must never be torn (the journal's head). Falls back to writeAtomic.
   */
  replaceQuick?(file: string, data: Uint8Array): Promise<void>;
}

export const nodeFs: ReviewFs = {
  async mkdir(dir) {
    await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  },
  readFile: (file) => fs.readFile(file),
  readdir: (dir) => fs.readdir(dir),
  async size(file) {
    try {
      return (await fs.stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  },
  async writeDurable(file, data, mode) {
    const fh = await fs.open(file, 'w', mode ?? FILE_MODE);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  async writeAtDurable(file, data, offset) {
    const fh = await fs.open(file, constants.O_RDWR | constants.O_CREAT, FILE_MODE);
    try {
      const { size } = await fh.stat();
      if (size !== offset) await fh.truncate(offset);
      let done = 0;
      while (done < data.length) {
        const { bytesWritten } = await fh.write(data, done, data.length - done, offset + done);
        done += bytesWritten;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  async replaceQuick(file, data) {
    const tmp = `${file}.${process.pid}.${++tempCounter}.tmp`;
    try {
      await fs.writeFile(tmp, data, { mode: FILE_MODE });
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  },
  truncate: (file, length) => fs.truncate(file, length),
  rename: (from, to) => fs.rename(from, to),
  remove: (file) => fs.rm(file, { force: true }),
  async syncDir(dir) {
    if (process.platform === 'win32') return;
    let fh: fs.FileHandle | undefined;
    try {
      fh = await fs.open(dir, 'r');
      await fh.sync();
    } catch {
      // Some file systems refuse fsync on a directory; the data itself is already synced.
    } finally {
      await fh?.close();
    }
  },
};

let tempCounter = 0;

/** Replaces `file` all at once: a reader sees either the old or the new content, never a mix. */
export async function writeAtomic(
  fsa: ReviewFs,
  file: string,
  data: Uint8Array | string,
  mode?: number,
): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  try {
    await fsa.writeDurable(tmp, bytes, mode);
    await fsa.rename(tmp, file);
  } catch (err) {
    await fsa.remove(tmp).catch(() => undefined);
    throw err;
  }
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (slash > 0) await fsa.syncDir(file.slice(0, slash));
}
