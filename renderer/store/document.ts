import { create } from 'zustand';
import {
  ApiError,
  type Api,
  type AppInfo,
  type DocumentInfo,
  type EventPayload,
  type ExportFormat,
  type RecentDocument,
} from '../../shared/api/contract';
import { toApiError } from '../api/errors';
import { downloadBytes, fileBytes, pickFile } from '../api/files';
import { openPdf, type PDFDocumentProxy } from '../viewer/pdfjs';
import { useLinkStore } from './link';
import { useUiStore } from './ui';
import type { MessageKey } from '../../shared/i18n';

/**
 * The open document: its info, bytes and pdf.js handle, the recent list and extraction progress. A new document
 * replaces the current one only once it has been read and parsed, so a file that fails to open leaves the reviewer
 * exactly where they were.
 */
export type OpenSource =
  | { kind: 'file'; file: File }
  | { kind: 'bytes'; name: string; bytes: Uint8Array }
  | { kind: 'sample' }
  | { kind: 'recent'; doc: RecentDocument }
  | { kind: 'info'; info: DocumentInfo };

export interface DocumentState {
  app: AppInfo | null;
  /**
   * The open document as the rest of the app sees it (the data side starts extraction and loads the review from
   * it). Published once the viewer has drawn the first page — or after a short grace period — so that page 1 gets
   * the machine to itself before the heavy work begins.
   */
  info: DocumentInfo | null;
  /** The document being shown whose info is not published yet. */
  pendingInfo: DocumentInfo | null;
  pdf: PDFDocumentProxy | null;
  /** True while a document is being opened (the previous one, if any, stays shown meanwhile). */
  opening: string | null;
  recent: RecentDocument[] | null;
  progress: EventPayload<'extraction.progress'> | null;
}

export const useDocumentStore = create<DocumentState>()(() => ({
  app: null,
  info: null,
  pendingInfo: null,
  pdf: null,
  opening: null,
  recent: null,
  progress: null,
}));

/** Codes from the host (pdf_* from the main side's PDF reader) and from pdf.js in the renderer, one message each. */
const ERROR_KEYS: Record<string, MessageKey> = {
  not_pdf: 'error.not_pdf',
  pdf_not_pdf: 'error.not_pdf',
  empty_file: 'error.empty_file',
  pdf_empty: 'error.empty_file',
  encrypted: 'error.encrypted',
  pdf_encrypted: 'error.encrypted',
  corrupt: 'error.corrupt',
  pdf_corrupt: 'error.corrupt',
  pdf_damaged: 'error.corrupt',
  not_found: 'error.not_found',
  too_large: 'error.too_large',
  network: 'error.network',
  unauthorized: 'error.unauthorized',
};

/** Shows an API failure as a banner in the reviewer's language; codes without a message of ours show the host's. */
export function reportError(err: unknown, name?: string): void {
  const e = toApiError(err);
  const key = ERROR_KEYS[e.code] ?? 'error.generic';
  useUiStore.getState().notify('error', key, { name: name ?? '', message: e.message });
}

function sourceName(src: OpenSource): string {
  switch (src.kind) {
    case 'file':
      return src.file.name;
    case 'bytes':
      return src.name;
    case 'recent':
      return src.doc.name;
    case 'info':
      return src.info.name;
    case 'sample':
      return 'sample';
  }
}

let openSeq = 0;

export async function openDocument(api: Api, src: OpenSource): Promise<boolean> {
  const seq = ++openSeq;
  const name = sourceName(src);
  performance.mark('brw:open-start');
  useDocumentStore.setState({ opening: name });
  let pdf: PDFDocumentProxy | null = null;
  try {
    let info: DocumentInfo;
    let bytes: Uint8Array | null = null;
    if (src.kind === 'file') {
      bytes = await fileBytes(src.file);
      if (bytes.length === 0) throw new ApiError('empty_file', 'empty');
      info = await api.call('document.openBytes', { name: src.file.name || 'document.pdf', bytes });
    } else if (src.kind === 'bytes') {
      bytes = src.bytes;
      info = await api.call('document.openBytes', { name: src.name, bytes });
    } else if (src.kind === 'sample') {
      info = await api.call('document.openSample', {});
    } else if (src.kind === 'recent') {
      info = await reopenRecent(api, src.doc);
    } else {
      info = src.info;
    }
    bytes ??= await api.call('document.bytes', { docId: info.docId });
    performance.mark('brw:bytes-ready');
    pdf = await openPdf(bytes);
    performance.mark('brw:pdf-parsed');
    if (seq !== openSeq) {
      // A newer open started meanwhile: it wins.
      void pdf.destroy();
      return false;
    }
    const previous = useDocumentStore.getState().pdf;
    useDocumentStore.setState({ info: null, pendingInfo: info, pdf, opening: null, progress: null });
    const parsed = pdf;
    setTimeout(() => publishInfo(parsed), INFO_GRACE_MS);
    useUiStore.getState().setCurrentPage(1);
    // Page and cell requests were made for the previous document; a new viewer honouring them would open mid-way.
    useUiStore.setState({ goTo: null });
    useLinkStore.setState({ focus: null, highlights: [], pagePick: null, drawnRegion: null, drawMode: false });
    // Destroyed after the old pages have unmounted (and cancelled their renders), not under their feet.
    if (previous && previous !== pdf) setTimeout(() => void previous.destroy(), 0);
    void refreshRecent(api);
    return true;
  } catch (err) {
    if (seq === openSeq) useDocumentStore.setState({ opening: null });
    reportError(err, name);
    return false;
  }
}

/** Longest wait for the first page before the document is published anyway (a slow or failing first page). */
const INFO_GRACE_MS = 1500;

/** Called by the viewer once the first page of `pdf` is on screen (and by the grace timer). */
export function publishInfo(pdf: PDFDocumentProxy): void {
  const { pdf: current, pendingInfo } = useDocumentStore.getState();
  if (current === pdf && pendingInfo) useDocumentStore.setState({ info: pendingInfo, pendingInfo: null });
}

/** A recent file is reopened from its path when it has one (desktop); otherwise from the workspace copy. */
async function reopenRecent(api: Api, doc: RecentDocument): Promise<DocumentInfo> {
  if (doc.path) {
    try {
      return await api.call('document.openPath', { path: doc.path });
    } catch (err) {
      if (toApiError(err).code !== 'not_found') throw err;
    }
  }
  const bytes = await api.call('document.bytes', { docId: doc.docId });
  return api.call('document.openBytes', { name: doc.name, bytes });
}

export async function refreshRecent(api: Api): Promise<RecentDocument[]> {
  try {
    const recent = await api.call('document.recent', {});
    useDocumentStore.setState({ recent });
    return recent;
  } catch (err) {
    reportError(err);
    useDocumentStore.setState({ recent: [] });
    return [];
  }
}

/** Open by the platform's own means: the native dialog in Electron, a file input in the browser. */
export async function pickAndOpen(api: Api): Promise<void> {
  const app = useDocumentStore.getState().app;
  if (app?.transport === 'electron') {
    try {
      const info = await api.call('document.pick', {});
      if (info) await openDocument(api, { kind: 'info', info });
    } catch (err) {
      reportError(err);
    }
    return;
  }
  const file = await pickFile();
  if (file) await openDocument(api, { kind: 'file', file });
}

export async function exportDocument(api: Api, format: ExportFormat): Promise<void> {
  const { info, app } = useDocumentStore.getState();
  if (!info) return;
  try {
    if (app?.transport === 'electron') {
      const path = await api.call('export.save', { docId: info.docId, format });
      if (path) useUiStore.getState().notify('info', 'toolbar.exportSaved', { path });
      return;
    }
    const out = await api.call('export.build', { docId: info.docId, format });
    downloadBytes(out.name, out.mime, out.bytes);
    useUiStore.getState().notify('info', 'toolbar.exportDone', { name: out.name });
  } catch (err) {
    reportError(err, info.name);
  }
}

/** Back to the start screen; the document stays in the recent list. */
export function closeDocument(): void {
  const { pdf } = useDocumentStore.getState();
  useDocumentStore.setState({ info: null, pendingInfo: null, pdf: null, progress: null });
  if (pdf) setTimeout(() => void pdf.destroy(), 0);
}

/** Wires the events this store cares about; returns the unsubscribe. */
export function subscribeDocumentEvents(api: Api): () => void {
  const offProgress = api.on('extraction.progress', (p) => {
    if (p.docId === useDocumentStore.getState().info?.docId) useDocumentStore.setState({ progress: p });
  });
  const offOpened = api.on('document.opened', (info) => {
    void openDocument(api, { kind: 'info', info });
  });
  return () => {
    offProgress();
    offOpened();
  };
}
