import type { MessageKey } from './zh-CN';

/** English UI strings: exactly the keys of zh-CN.ts (the type refuses a missing or extra key). */
export const en: Record<MessageKey, string> = {
  // ── app shell ───────────────────────────────────────────────
  'app.title': 'Budget Review Workstation',
  'app.subtitle': 'Extract, reconcile and review budget / final-accounts disclosure tables',
  'app.loading': 'Starting…',
  'app.language': 'Language',
  'app.language.zh-CN': '中文',
  'app.language.en': 'English',

  // ── start screen ────────────────────────────────────────────
  'start.open': 'Open PDF…',
  'start.openHint': 'or drop a PDF file anywhere in the window',
  'start.openSample': 'Open the sample',
  'start.recent': 'Recent documents',
  'start.recentEmpty': 'No documents opened yet.',
  'start.pages': '{pages} pages',
  'start.openFindings': '{count} open findings',
  'start.status.new': 'Not extracted',
  'start.status.extracted': 'Extracted',
  'start.status.in_review': 'In review',
  'start.status.signed_off': 'Signed off',
  'start.dropHere': 'Release to open the PDF',

  // ── toolbar / menus ─────────────────────────────────────────
  'toolbar.open': 'Open',
  'toolbar.openTitle': 'Open a PDF file (Ctrl+O)',
  'toolbar.home': 'Home',
  'toolbar.thumbnails': 'Thumbnails',
  'toolbar.prevPage': 'Previous page',
  'toolbar.nextPage': 'Next page',
  'toolbar.pageInput': 'Page',
  'toolbar.pageOf': 'of {pages}',
  'toolbar.zoomIn': 'Zoom in',
  'toolbar.zoomOut': 'Zoom out',
  'toolbar.zoom': 'Zoom',
  'toolbar.fitWidth': 'Fit width',
  'toolbar.fitPage': 'Fit page',
  'toolbar.export': 'Export',
  'toolbar.export.xlsx': 'Excel workbook (.xlsx)',
  'toolbar.export.csv': 'CSV tables (.csv)',
  'toolbar.export.json': 'JSON data (.json)',
  'toolbar.exportDone': 'Exported: {name}',
  'toolbar.exportSaved': 'Saved to {path}',

  // ── progress ────────────────────────────────────────────────
  'progress.reading': 'Reading pages {done}/{total}',
  'progress.detecting': 'Detecting tables {done}/{total}',
  'progress.assembling': 'Assembling tables {done}/{total}',
  'progress.validating': 'Running checks',
  'progress.done': 'Extraction finished',
  'progress.failed': 'Extraction failed: {message}',

  // ── errors (banners) ────────────────────────────────────────
  'error.dismiss': 'Dismiss',
  'error.not_pdf': '"{name}" is not a PDF file and cannot be opened.',
  'error.empty_file': '"{name}" is an empty file.',
  'error.encrypted': '"{name}" is encrypted (password protected) and cannot be opened. Remove the password first.',
  'error.corrupt': '"{name}" is damaged or incomplete (perhaps a broken download) and cannot be shown.',
  'error.not_found': 'File not found: {name}',
  'error.too_large': 'The file is too large to upload.',
  'error.network': 'Cannot reach the review service: {message}',
  'error.unauthorized': 'The access token is not valid. Reopen the page with the full address printed at start-up.',
  'error.generic': 'The operation failed: {message}',
  'error.render': 'Page {page} cannot be shown: {message}',

  // ── PDF viewer ──────────────────────────────────────────────
  'viewer.loading': 'Loading the document…',
  'viewer.page': 'Page {page}',
  'viewer.thumbnail': 'Thumbnail of page {page}',
  'viewer.drawHint': 'Drag a rectangle on the page around the table (Esc cancels)',
  'viewer.empty': 'No document open',
  'viewer.failed': 'The document cannot be shown.',

  // ── layout ──────────────────────────────────────────────────
  'layout.splitter': 'Drag to resize the panes',
  'layout.dataSidePending': 'The data panel (table list, grid and findings) is not loaded yet.',
};
