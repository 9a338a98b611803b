import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ApiError } from '../../shared/api';
import { mb, TOO_LARGE } from '../pdf/limits';

/**
 * Reads a file the user named, refusing before any byte is read what is not a regular file (a directory, a device
 * of endless zeros, a FIFO that would block the host) or is larger than `maxBytes`. The file is opened without
 * blocking (a FIFO would otherwise wait for a writer) and checked through its descriptor, so what is checked is
 * what is read; it is read up to its size, never more (a file still growing is not followed).
 */
export async function readRegularFile(p: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ApiError(
      code === 'ENOENT' ? 'not_found' : 'unreadable',
      code === 'ENOENT' ? `找不到文件 / File not found: ${p}` : `无法读取文件 / Cannot read ${p}: ${code ?? err}`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new ApiError('not_a_file', `不是普通文件 / Not a regular file (a folder, device or pipe): ${p}`);
    }
    if (info.size > maxBytes) {
      throw new ApiError('pdf_too_large', `${TOO_LARGE} (${mb(info.size)}, at most ${mb(maxBytes)}): ${p}`);
    }
    const out = new Uint8Array(info.size);
    let at = 0;
    while (at < out.length) {
      const { bytesRead } = await handle.read(out, at, out.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === out.length ? out : out.subarray(0, at);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('unreadable', `无法读取文件 / Cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  } finally {
    await handle.close();
  }
}
