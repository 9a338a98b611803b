import { readFile } from 'node:fs/promises';

/** Reads the command's input file; on failure says why in one line on stderr and returns null. */
export async function readInputFile(command: string, file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    process.stderr.write(`budget-review ${command}: cannot read ${file}: ${why}\n`);
    return null;
  }
}

/** Writes to stdout; a reader that closed early (`| head`) is not an error. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? resolve() : reject(err)));
    process.stdout.write(text, (err) => {
      if (!err) resolve();
    });
  });
}
