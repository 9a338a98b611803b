import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import {
  ApiError,
  SettingsSchema,
  type CallContext,
  type DocumentInfo,
  type ExportFormat,
  type Handlers,
  type ReviewState,
  type Settings,
  type SignOff,
  type RecentDocument,
} from '../../shared/api';
import { hasPdfHeader } from '../pdf/errors';
import { mb, PDF_LIMITS, TOO_LARGE } from '../pdf/limits';
import { readRegularFile } from './files';
import type { BBox, EditOp, ExtractedDocument, Finding, Table } from '../../shared/model';

/**
 * The API implementation: one object implementing the contract, knowing nothing of Electron or HTTP. Its
 * collaborators come in as ports so the services can be tested with fakes and each adapter stays replaceable.
 */
export interface ExtractProgress {
  stage: 'reading' | 'detecting' | 'assembling' | 'validating' | 'done' | 'failed';
  done: number;
  total: number;
  message?: string;
}

export interface ServicePorts {
  dataDir: string;
  transport: 'electron' | 'web';
  version: string;
  samplePath: string | null;
  store: {
    importPdf(bytes: Uint8Array, name: string, path: string | null): Promise<DocumentInfo>;
    pdfBytes(docId: string): Promise<Uint8Array>;
    recent(): Promise<RecentDocument[]>;
    getExtraction(docId: string): Promise<ExtractedDocument | null>;
    saveExtraction(docId: string, doc: ExtractedDocument): Promise<void>;
    load(docId: string): Promise<ReviewState>;
    apply(docId: string, op: EditOp, revision: number, who: string): Promise<{ seq: number }>;
    signOff(docId: string, reviewer: string, note: string): Promise<SignOff>;
    reopen(docId: string, reason: string, who: string): Promise<ReviewState>;
    current(docId: string): Promise<{ doc: ExtractedDocument }>;
  };
  extract(
    bytes: Uint8Array,
    opts: { file: string; onProgress?: (p: ExtractProgress) => void; onTable?: (t: Table) => void },
  ): Promise<ExtractedDocument>;
  extractRegion(bytes: Uint8Array, page: number, bbox: BBox, mode: 'auto' | 'lattice' | 'stream'): Promise<Table>;
  validate(doc: ExtractedDocument, opts: { tolerancePerAddend: number; toleranceMin: number }): Finding[];
  buildExport(docId: string, format: ExportFormat): Promise<{ name: string; mime: string; bytes: Uint8Array }>;
  /**
   * Opens the bytes in a limited PDF reader before anything is stored (size, page count, memory): a refused file
   * leaves nothing in the data dir. Throws an ApiError saying why.
   */
  checkPdf?(bytes: Uint8Array): Promise<void>;
  /**
   * Whether `document.openPath` may read this (absolute) path: the desktop app says yes for files the user chose
   * in its dialog or gave it on the command line. Without it (the web host) openPath is refused.
   */
  pathAllowed?(p: string): boolean;
  /** Largest PDF accepted, bytes (default PDF_LIMITS.maxBytes). */
  maxPdfBytes?: number;
  /** Told the settings whenever they are loaded or changed, so checks made by the store use the reviewer's tolerance. */
  onSettings?(s: Settings): void;
}

const DEFAULT_SETTINGS: Settings = { locale: 'zh-CN', reviewer: '', tolerancePerAddend: 0.005, toleranceMin: 0.01 };

export function createServices(ports: ServicePorts): Handlers {
  const settingsFile = path.join(ports.dataDir, 'settings.json');
  let settingsCache: Settings | null = null;
  const maxPdfBytes = ports.maxPdfBytes ?? PDF_LIMITS.maxBytes;
  /** One extraction per document at a time; a second caller waits for the same result. */
  const running = new Map<string, Promise<ExtractedDocument>>();

  async function getSettings(): Promise<Settings> {
    if (settingsCache) return settingsCache;
    try {
      const parsed = SettingsSchema.safeParse({
        ...DEFAULT_SETTINGS,
        ...JSON.parse(await readFile(settingsFile, 'utf8')),
      });
      settingsCache = parsed.success ? parsed.data : DEFAULT_SETTINGS;
    } catch {
      settingsCache = DEFAULT_SETTINGS;
    }
    ports.onSettings?.(settingsCache);
    return settingsCache;
  }

  async function open(bytes: Uint8Array, name: string, filePath: string | null): Promise<DocumentInfo> {
    if (bytes.length === 0) throw new ApiError('empty_file', `「${name}」是空文件 / "${name}" is empty.`);
    if (!hasPdfHeader(bytes)) {
      throw new ApiError('not_pdf', `「${name}」不是 PDF 文件 / "${name}" is not a PDF file.`);
    }
    if (bytes.length > maxPdfBytes) {
      throw new ApiError('pdf_too_large', `${TOO_LARGE} (${mb(bytes.length)}, at most ${mb(maxPdfBytes)}): ${name}`);
    }
    await ports.checkPdf?.(bytes);
    return ports.store.importPdf(bytes, name, filePath);
  }

  /**
   * openPath reads a file of the user's disk: only one the user chose in the desktop app (its dialog, the command
   * line, a file handed to a second instance, or one of those reopened from the recent list). Over HTTP a page
   * could name any path the host can read, so there the browser uploads the bytes instead.
   */
  async function allowedPath(p: string): Promise<string> {
    if (ports.transport === 'web' || !ports.pathAllowed) {
      throw new ApiError(
        'path_refused',
        '网页版不能按路径打开文件，请选择或拖入文件上传 / Files are not opened by path over HTTP: choose or drop the file to upload it.',
      );
    }
    const abs = path.resolve(p);
    if (ports.pathAllowed(abs)) return abs;
    if ((await ports.store.recent()).some((r) => r.path === abs)) return abs;
    throw new ApiError(
      'path_not_chosen',
      `只能打开在“打开”对话框中选择的文件 / Only files chosen in the Open dialog can be opened: ${abs}`,
    );
  }

  async function runExtraction(docId: string, force: boolean, ctx: CallContext): Promise<ExtractedDocument> {
    if (!force) {
      const cached = await ports.store.getExtraction(docId);
      if (cached) return cached;
    }
    const pending = running.get(docId);
    if (pending) return pending;
    const job = (async () => {
      const bytes = await ports.store.pdfBytes(docId);
      const recent = (await ports.store.recent()).find((r) => r.docId === docId);
      try {
        const doc = await ports.extract(bytes, {
          file: recent?.name ?? `${docId}.pdf`,
          onProgress: (p) => ctx.emit('extraction.progress', { docId, ...p }),
          onTable: (table) => ctx.emit('extraction.table', { docId, table }),
        });
        const s = await getSettings();
        ctx.emit('extraction.progress', { docId, stage: 'validating', done: 0, total: 1 });
        const withFindings = { ...doc, findings: ports.validate(doc, s) };
        await ports.store.saveExtraction(docId, withFindings);
        ctx.emit('extraction.progress', { docId, stage: 'done', done: 1, total: 1 });
        return withFindings;
      } catch (err) {
        ctx.emit('extraction.progress', { docId, stage: 'failed', done: 0, total: 0, message: (err as Error).message });
        throw err;
      }
    })();
    running.set(docId, job);
    try {
      return await job;
    } finally {
      running.delete(docId);
    }
  }

  const unsupported = (what: string) => async (): Promise<never> => {
    throw new ApiError('unsupported', `${what} is only available in the desktop app.`);
  };

  return {
    'app.info': async () => ({
      name: '预决算审阅台 Budget Review Workstation',
      version: ports.version,
      transport: ports.transport,
      dataDir: ports.dataDir,
      sampleAvailable: ports.samplePath !== null,
    }),
    'settings.get': () => getSettings(),
    'settings.set': async (patch) => {
      const next = SettingsSchema.parse({ ...(await getSettings()), ...patch });
      await mkdir(ports.dataDir, { recursive: true, mode: 0o700 });
      const tmp = `${settingsFile}.${process.pid}.tmp`;
      // Owner-only, like everything in the data dir (the reviewer's name is in here).
      await writeFile(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
      await rename(tmp, settingsFile);
      settingsCache = next;
      ports.onSettings?.(next);
      return next;
    },
    'document.openPath': async ({ path: p }) => {
      const abs = await allowedPath(p);
      return open(await readRegularFile(abs, maxPdfBytes), path.basename(abs), abs);
    },
    'document.openBytes': ({ name, bytes }) => open(bytes, path.basename(name), null),
    'document.openSample': async () => {
      if (!ports.samplePath) throw new ApiError('no_sample', 'The bundled sample is not installed.');
      const sample = await readRegularFile(ports.samplePath, maxPdfBytes);
      return open(sample, path.basename(ports.samplePath), ports.samplePath);
    },
    'document.bytes': ({ docId }) => ports.store.pdfBytes(docId),
    // A page served over HTTP is not told where the desktop app's files are on disk (nor can it open them by path).
    'document.recent': async () => {
      const recent = await ports.store.recent();
      return ports.transport === 'web' ? recent.map((r) => ({ ...r, path: null })) : recent;
    },
    'document.pick': unsupported('The open dialog'),
    'extraction.run': ({ docId, force }, ctx) => runExtraction(docId, force ?? false, ctx),
    'extraction.region': async ({ docId, page, bbox, mode }) =>
      ports.extractRegion(await ports.store.pdfBytes(docId), page, bbox, mode),
    'review.load': ({ docId }) => ports.store.load(docId),
    'review.apply': async ({ docId, op, revision }) =>
      ports.store.apply(docId, op as EditOp, revision, (await getSettings()).reviewer || 'reviewer'),
    'review.signOff': async ({ docId, reviewer, note }) => {
      await getSettings();
      return ports.store.signOff(docId, reviewer, note);
    },
    'review.reopen': async ({ docId, reason }) =>
      ports.store.reopen(docId, reason, (await getSettings()).reviewer || 'reviewer'),
    'validation.findings': async ({ docId }) => {
      const { doc } = await ports.store.current(docId);
      return ports.validate(doc, await getSettings());
    },
    'export.build': async ({ docId, format }) => {
      await getSettings();
      return ports.buildExport(docId, format);
    },
    'export.save': unsupported('Saving through a dialog'),
  };
}
