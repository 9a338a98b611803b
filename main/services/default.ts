import { ApiError, type Handlers } from '../../shared/api';
import { validate } from '../../shared/validation';
import { extractDocument, extractRegion } from '../extraction';
import { buildExport } from '../export';
import { probePdfLimited } from '../pdf/limited';
import { PdfReadError } from '../pdf/errors';
import { TOO_LARGE } from '../pdf/limits';
import { WorkspaceStore } from '../review/workspaces';
import { createServices } from './index';
import { samplePdfPath } from './resources';

/** Plain words for a PDF that cannot be opened, in both UI languages (the code lets the UI choose). */
const PDF_ERRORS: Record<PdfReadError['code'], string> = {
  'not-pdf': '这不是 PDF 文件 / This is not a PDF file',
  encrypted: 'PDF 已加密（有密码保护），请先解除密码 / The PDF is encrypted (password-protected)',
  corrupt: 'PDF 已损坏或不完整 / The PDF is damaged or truncated',
  empty: '文件是空的 / The file is empty',
  'too-large': TOO_LARGE,
};

export function pdfApiError(err: unknown): unknown {
  if (err instanceof PdfReadError) {
    const code = `pdf_${err.code.replace('-', '_')}`;
    // Limit failures already start with their words in both languages.
    if (err.message.startsWith(TOO_LARGE)) return new ApiError(code, err.message);
    return new ApiError(code, `${PDF_ERRORS[err.code]} (${err.message})`);
  }
  return err;
}

/**
 * Page counts of files the limited reader has just opened (checkPdf), so the store's count on import does not
 * open them a second time; by identity of the bytes, kept only as long as the bytes are.
 */
const probed = new WeakMap<Uint8Array, number>();

/** Opens the PDF in a reader thread with memory, size and page limits (main/pdf/limited.ts), never in the host. */
async function probe(bytes: Uint8Array): Promise<number> {
  const known = probed.get(bytes);
  if (known !== undefined) return known;
  try {
    const n = await probePdfLimited(bytes);
    probed.set(bytes, n);
    return n;
  } catch (err) {
    throw pdfApiError(err);
  }
}

/** The real ports: workspaces on disk, the extraction engine, the shared rule catalogue, the exporters. */
export async function createDefaultServices(opts: {
  dataDir: string;
  transport: 'electron' | 'web';
  version: string;
  /** The desktop app's record of paths the user chose (see ServicePorts.pathAllowed). */
  pathAllowed?: (p: string) => boolean;
}): Promise<Handlers> {
  // The store re-checks at sign-off and export; it must judge with the tolerance the reviewer set, as the screen does.
  let tolerance = { tolerancePerAddend: 0.005, toleranceMin: 0.01 };
  const store = new WorkspaceStore({
    dataDir: opts.dataDir,
    countPages: probe,
    validate: (doc) => validate(doc, tolerance),
    // A damaged extraction.json is re-made from the stored PDF, with the findings the extraction step stores.
    reextract: async (bytes, name) => {
      try {
        const doc = await extractDocument(bytes, { file: name });
        return { ...doc, findings: validate(doc, tolerance) };
      } catch (err) {
        throw pdfApiError(err);
      }
    },
  });
  return createServices({
    ...opts,
    samplePath: samplePdfPath(),
    store,
    checkPdf: async (bytes) => void (await probe(bytes)),
    extract: async (bytes, o) => {
      try {
        return await extractDocument(bytes, o);
      } catch (err) {
        throw pdfApiError(err);
      }
    },
    extractRegion: async (bytes, page, bbox, mode) => {
      try {
        return await extractRegion(bytes, page, bbox, mode);
      } catch (err) {
        throw pdfApiError(err);
      }
    },
    validate: (doc, s) => validate(doc, s),
    onSettings: (s) => {
      tolerance = { tolerancePerAddend: s.tolerancePerAddend, toleranceMin: s.toleranceMin };
    },
    buildExport: async (docId, format) => buildExport(await store.exportInput(docId), format),
  });
}
