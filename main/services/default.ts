import { ApiError, type Handlers } from '../../shared/api';
import { validate } from '../../shared/validation';
import { extractDocument, extractRegion } from '../extraction';
import { buildExport } from '../export';
import { openPdf } from '../pdf/read';
import { PdfReadError } from '../pdf/errors';
import { WorkspaceStore } from '../review/workspaces';
import { createServices } from './index';
import { samplePdfPath } from './resources';

/** Plain words for a PDF that cannot be opened, in both UI languages (the code lets the UI choose). */
const PDF_ERRORS: Record<PdfReadError['code'], string> = {
  'not-pdf': '这不是 PDF 文件 / This is not a PDF file',
  encrypted: 'PDF 已加密（有密码保护），请先解除密码 / The PDF is encrypted (password-protected)',
  corrupt: 'PDF 已损坏或不完整 / The PDF is damaged or truncated',
  empty: '文件是空的 / The file is empty',
};

export function pdfApiError(err: unknown): unknown {
  if (err instanceof PdfReadError)
    return new ApiError(`pdf_${err.code.replace('-', '_')}`, `${PDF_ERRORS[err.code]} (${err.message})`);
  return err;
}

async function countPages(bytes: Uint8Array): Promise<number> {
  try {
    const doc = await openPdf(bytes);
    const n = doc.numPages;
    await doc.destroy();
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
}): Promise<Handlers> {
  // The store re-checks at sign-off and export; it must judge with the tolerance the reviewer set, as the screen does.
  let tolerance = { tolerancePerAddend: 0.005, toleranceMin: 0.01 };
  const store = new WorkspaceStore({
    dataDir: opts.dataDir,
    countPages,
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
