import { ApiError } from '../../shared/api';

/**
 * Turns a file-system failure into a plain message with a stable code. `action` says what we were doing
 * ("save the edit"), so the reviewer knows what did not happen, and every message says that what was saved before
 * is untouched — which the write paths guarantee by only ever appending or renaming complete files.
 */
export function storageError(err: unknown, action: string, dataDir: string): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const safe = 'Everything saved before is unchanged.';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ApiError(
        'data_dir_read_only',
        `Could not ${action}: the data directory ${dataDir} is read-only (${code}). Choose a writable folder ` +
          `(--data-dir or BUDGET_REVIEW_DATA_DIR). ${safe}`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new ApiError(
        'disk_full',
        `Could not ${action}: the disk holding ${dataDir} is full (${code}). Free some space and try again. ${safe}`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new ApiError(
        'data_dir_missing',
        `Could not ${action}: the data directory ${dataDir} (or part of it) is missing (${code}). Was a drive removed? ${safe}`,
      );
    default:
      return new ApiError(
        'write_failed',
        `Could not ${action}: the disk reported an error${code ? ` (${code})` : ''}: ${e?.message ?? String(err)}. ${safe}`,
      );
  }
}

export function unknownDocument(docId: string): ApiError {
  return new ApiError('unknown_document', `No review workspace for document ${docId}. Open the PDF first.`);
}
