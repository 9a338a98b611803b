import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Api, JournalEntry, ReviewState, Settings, SignOff } from '../../shared/api/contract';
import {
  applyOp,
  emptyOverlay,
  invertOp,
  type EditOp,
  type ReviewOverlay,
  type TableStatus,
} from '../../shared/model/edits';
import type { BBox, ExtractedDocument, Finding, Table } from '../../shared/model/document';
import { replayJournal } from '../../shared/model/replay';
import type { MessageKey, MessageParams } from '../../shared/i18n';
import type { Coverage } from '../../shared/validation/coverage';
import { DEFAULT_FILTER, filterFindings, sortFindings, stepFinding, type FindingFilter } from '../data/findings';
import { tableRegions } from '../data/geometry';
import { firstTable } from '../data/tables';

/**
 * The review state of the open document: the extraction, every edit applied on top (optimistically, then journaled
 * through `review.apply`), the overlay (table status, waivers), undo / redo, findings re-checked locally after each
 * edit, and what the reviewer has selected. Actions live in `ReviewController` with the API injected, so the logic
 * runs under a fake API in unit tests.
 */
export interface Validator {
  run(doc: ExtractedDocument): Finding[];
  /** Which rules ran on which table in the last run (the local validator knows; the service's findings do not say). */
  coverage?(): Coverage;
}

/** The rounding tolerance the reviewer set, so local findings match the service's. */
export interface ValidatorSettings {
  tolerancePerAddend?: number;
  toleranceMin?: number;
}

/** A sign-off or re-opening as `review.load` reports it (edits are in the journal). */
export type AuditEntry = NonNullable<ReviewState['audit']>[number];

/** Which panel sits under the grid. */
export type BottomPanel = 'findings' | 'audit';

export interface CellSelection {
  table: string;
  row: number;
  col: number;
}

export interface ReviewMessage {
  tone: 'error' | 'info';
  key: MessageKey;
  params?: MessageParams;
}

export type ReviewPhase = 'idle' | 'extracting' | 'loading' | 'ready' | 'failed';

export interface ReviewData {
  docId: string | null;
  phase: ReviewPhase;
  error: string | null;
  /** Tables reported by `extraction.table` while the extraction runs (shown read-only until the review loads). */
  streamed: Table[];
  doc: ExtractedDocument | null;
  overlay: ReviewOverlay;
  revision: number;
  readOnly: boolean;
  /** Stable grid row ids per table, kept through inserts, deletes and moves. */
  rowIds: Record<string, string[]>;
  undoStack: EditOp[];
  redoStack: EditOp[];
  /** Findings in document order. */
  findings: Finding[];
  /** Per table, the rules that ran and those that could not, from the last local validation. */
  coverage: Coverage | null;
  filter: FindingFilter;
  currentFinding: string | null;
  hoverFinding: string | null;
  selectedTable: string | null;
  selection: CellSelection | null;
  /** Bumped on every deliberate selection so the grid and the page scroll even to the same cell again. */
  selectionNonce: number;
  /** Edits sent and not yet acknowledged. */
  saving: number;
  message: ReviewMessage | null;
  /** A region request is on its way to the extraction engine. */
  extractingRegion: boolean;
  /** The review record: the extraction before any edit, every acknowledged edit, sign-offs and re-openings. */
  extracted: ExtractedDocument | null;
  journal: JournalEntry[];
  audit: AuditEntry[];
  signOff: SignOff | null;
  /** The reviewer named in the settings ('' when none): the author of edits and the sign-off's default. */
  reviewer: string;
  panel: BottomPanel;
}

function initial(): ReviewData {
  return {
    docId: null,
    phase: 'idle',
    error: null,
    streamed: [],
    doc: null,
    overlay: emptyOverlay(),
    revision: 1,
    readOnly: false,
    rowIds: {},
    undoStack: [],
    redoStack: [],
    findings: [],
    coverage: null,
    filter: DEFAULT_FILTER,
    currentFinding: null,
    hoverFinding: null,
    selectedTable: null,
    selection: null,
    selectionNonce: 0,
    saving: 0,
    message: null,
    extractingRegion: false,
    extracted: null,
    journal: [],
    audit: [],
    signOff: null,
    reviewer: '',
    panel: 'findings',
  };
}

let rowSeq = 0;
/** Ids of rows taken out of a table, so putting the same row back (undo of a delete) gives it its old id. */
const retiredIds = new WeakMap<object, string>();
const freshIds = (n: number): string[] => Array.from({ length: n }, () => `r${++rowSeq}`);

export function initialRowIds(doc: ExtractedDocument): Record<string, string[]> {
  return Object.fromEntries(doc.tables.map((t) => [t.id, freshIds(t.rows.length)]));
}

/**
 * Row ids after `op`: rows an operation re-inserts (a move, or undoing a delete with the same row objects) keep
 * their ids, new rows get new ones. `doc` is the document before the op.
 */
export function nextRowIds(
  ids: Record<string, string[]>,
  doc: ExtractedDocument,
  op: EditOp,
): Record<string, string[]> {
  switch (op.op) {
    case 'spliceRows': {
      const t = doc.tables.find((x) => x.id === op.table);
      const cur = ids[op.table] ?? freshIds(t?.rows.length ?? 0);
      const removedIds = cur.slice(op.index, op.index + op.removed.length);
      op.removed.forEach((r, k) => {
        if (removedIds[k]) retiredIds.set(r, removedIds[k]);
      });
      const kept = new Set(cur.filter((_, i) => i < op.index || i >= op.index + op.removed.length));
      const inserted = op.inserted.map((r) => {
        const old = retiredIds.get(r);
        if (old && !kept.has(old)) {
          kept.add(old);
          return old;
        }
        return freshIds(1)[0]!;
      });
      const next = cur.slice();
      next.splice(op.index, op.removed.length, ...inserted);
      return { ...ids, [op.table]: next };
    }
    case 'replaceTable': {
      const out = { ...ids };
      if (op.after === null) delete out[op.id];
      else out[op.id] = freshIds(op.after.rows.length);
      return out;
    }
    case 'batch': {
      let cur = ids;
      let d = doc;
      for (const o of op.ops) {
        cur = nextRowIds(cur, d, o);
        d = applyOp(d, emptyOverlay(), o).doc;
      }
      return cur;
    }
    default:
      return ids;
  }
}

type PendingKind = 'do' | 'undo' | 'redo';
interface Pending {
  op: EditOp;
  kind: PendingKind;
  /** The undo-stack entry this change belongs to (for undo: the entry being undone). */
  entry: EditOp;
  docId: string;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ReviewController {
  private pending: Pending[] = [];
  private queue: Promise<void> = Promise.resolve();
  private confirmed: { doc: ExtractedDocument; overlay: ReviewOverlay; rowIds: Record<string, string[]> } | null = null;
  private validator: Validator | null = null;
  private offEvents: (() => void) | null = null;
  private openSeq = 0;

  constructor(
    readonly store: StoreApi<ReviewData>,
    readonly api: Api,
    private readonly createValidator: ((opts: ValidatorSettings) => Validator) | null = null,
  ) {}

  private get s(): ReviewData {
    return this.store.getState();
  }

  private set(patch: Partial<ReviewData>): void {
    this.store.setState(patch);
  }

  /** Resolves once every edit sent so far has been answered. */
  async settled(): Promise<void> {
    let q: Promise<void>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
  }

  // ── loading ─────────────────────────────────────────────────────────────────────

  /** Extracts (or takes the cached extraction), then loads the review and replays its journal. */
  async open(docId: string): Promise<void> {
    const seq = ++this.openSeq;
    this.offEvents?.();
    this.pending = [];
    this.confirmed = null;
    this.validator = null;
    this.store.setState({ ...initial(), docId, phase: 'extracting' }, true);
    this.offEvents = this.api.on('extraction.table', ({ docId: id, table }) => {
      if (id !== docId || this.s.docId !== docId || this.s.phase !== 'extracting') return;
      const streamed = this.s.streamed.filter((t) => t.id !== table.id).concat(table);
      this.set({ streamed });
    });
    try {
      let settings: Partial<Settings> = {};
      try {
        settings = await this.api.call('settings.get', {});
      } catch {
        // The rule catalogue's defaults (DOMAIN.md §3) are the service's defaults too.
      }
      if (this.createValidator) this.validator = this.createValidator(validatorOptions(settings));
      if (seq === this.openSeq) this.set({ reviewer: settings.reviewer ?? '' });
      await this.api.call('extraction.run', { docId });
      if (seq !== this.openSeq) return;
      this.set({ phase: 'loading' });
      const st = await this.api.call('review.load', { docId });
      if (seq !== this.openSeq) return;
      // The same replay the service ran (shared/model/replay): a record it skipped is skipped here too, and its
      // notices already say so.
      const doc = replayJournal(
        st.extracted,
        st.journal.map((e) => ({ kind: 'op' as const, seq: e.seq, who: e.who, op: e.op })),
      ).doc;
      const overlay = { tableStatus: { ...st.tableStatus }, waivers: { ...st.waivers } };
      const rowIds = initialRowIds(doc);
      this.confirmed = { doc, overlay, rowIds };
      const findings = await this.check(doc, true);
      if (seq !== this.openSeq) return;
      const keep = this.s.selectedTable;
      this.set({
        phase: 'ready',
        doc,
        overlay,
        rowIds,
        revision: st.revision,
        readOnly: st.signOff !== null,
        signOff: st.signOff,
        extracted: st.extracted,
        journal: st.journal,
        audit: st.audit ?? [],
        findings,
        coverage: this.validator?.coverage?.() ?? null,
        streamed: [],
        selectedTable: keep && doc.tables.some((t) => t.id === keep) ? keep : (firstTable(doc.tables)?.id ?? null),
        message:
          st.notices.length > 0
            ? { tone: 'info', key: 'review.notices', params: { message: st.notices.join(' ') } }
            : null,
      });
    } catch (err) {
      if (seq !== this.openSeq) return;
      this.set({ phase: 'failed', error: errorText(err) });
    }
  }

  close(): void {
    ++this.openSeq;
    this.offEvents?.();
    this.offEvents = null;
    this.pending = [];
    this.confirmed = null;
    this.store.setState(initial(), true);
  }

  /** Findings for `doc`: the local validator when there is one (instant), else the service's. */
  private async check(doc: ExtractedDocument, fromServerIfNoValidator: boolean): Promise<Finding[]> {
    if (this.validator) return sortFindings(doc, this.validator.run(doc));
    if (fromServerIfNoValidator && this.s.docId) {
      try {
        return sortFindings(doc, await this.api.call('validation.findings', { docId: this.s.docId }));
      } catch {
        return sortFindings(doc, doc.findings);
      }
    }
    return this.s.findings;
  }

  private localFindings(doc: ExtractedDocument): Finding[] {
    return this.validator ? sortFindings(doc, this.validator.run(doc)) : this.s.findings;
  }

  // ── edits ───────────────────────────────────────────────────────────────────────

  table(id: string | null): Table | null {
    return this.s.doc?.tables.find((t) => t.id === id) ?? null;
  }

  /** Applies an edit at once and journals it; false (with a message) when it cannot be applied. */
  edit(op: EditOp): boolean {
    return this.commit(op, 'do', op);
  }

  undo(): boolean {
    const entry = this.s.undoStack.at(-1);
    if (!entry) return false;
    return this.commit(invertOp(entry), 'undo', entry);
  }

  redo(): boolean {
    const entry = this.s.redoStack.at(-1);
    if (!entry) return false;
    return this.commit(entry, 'redo', entry);
  }

  private commit(op: EditOp, kind: PendingKind, entry: EditOp): boolean {
    const s = this.s;
    if (s.phase !== 'ready' || !s.doc || !s.docId) return false;
    if (s.readOnly) {
      this.set({ message: { tone: 'error', key: 'review.readOnly' } });
      return false;
    }
    let next: { doc: ExtractedDocument; overlay: ReviewOverlay };
    try {
      next = applyOp(s.doc, s.overlay, op);
    } catch (err) {
      this.set({ message: { tone: 'error', key: 'review.conflict', params: { message: errorText(err) } } });
      return false;
    }
    const rowIds = nextRowIds(s.rowIds, s.doc, op);
    let { undoStack, redoStack } = s;
    if (kind === 'do') {
      undoStack = [...undoStack, entry];
      redoStack = [];
    } else if (kind === 'undo') {
      undoStack = undoStack.slice(0, -1);
      redoStack = [...redoStack, entry];
    } else {
      redoStack = redoStack.slice(0, -1);
      undoStack = [...undoStack, entry];
    }
    const item: Pending = { op, kind, entry, docId: s.docId };
    this.pending.push(item);
    this.set({
      doc: next.doc,
      overlay: next.overlay,
      rowIds,
      undoStack,
      redoStack,
      findings: this.localFindings(next.doc),
      coverage: this.validator?.coverage?.() ?? this.s.coverage,
      saving: this.pending.length,
      selection: clampSelection(s.selection, next.doc),
      message: null,
    });
    this.queue = this.queue.then(() => this.send(item));
    return true;
  }

  private async send(item: Pending): Promise<void> {
    if (!this.pending.includes(item) || item.docId !== this.s.docId) return;
    try {
      const { revision, reviewer } = this.s;
      const { seq } = await this.api.call('review.apply', { docId: item.docId, op: item.op, revision });
      if (item.docId !== this.s.docId || !this.confirmed) return;
      // The service stamps its own time; the trail shows this one until the record is next read (refreshTrail).
      const entry: JournalEntry = { seq, at: new Date().toISOString(), who: reviewer || '—', revision, op: item.op };
      const c = this.confirmed;
      const next = applyOp(c.doc, c.overlay, item.op);
      this.confirmed = { ...next, rowIds: nextRowIds(c.rowIds, c.doc, item.op) };
      this.pending = this.pending.filter((p) => p !== item);
      this.set({ saving: this.pending.length, journal: [...this.s.journal, entry] });
      if (!this.validator && this.pending.length === 0) {
        const findings = await this.check(this.s.doc!, true);
        if (item.docId === this.s.docId) this.set({ findings });
      }
    } catch (err) {
      if (item.docId !== this.s.docId) return;
      this.rollback(item, errorText(err));
    }
  }

  /**
   * The service refused `item`: the dataset goes back to what was acknowledged, with the edits still waiting
   * re-applied on top (an edit that only made sense after the refused one is dropped too), and the reason is shown.
   */
  private rollback(item: Pending, reason: string): void {
    const c = this.confirmed;
    if (!c) return;
    let { undoStack, redoStack } = this.s;
    const unstack = (p: Pending) => {
      if (p.kind === 'do') undoStack = undoStack.filter((e) => e !== p.entry);
      else if (p.kind === 'undo') {
        redoStack = redoStack.filter((e) => e !== p.entry);
        undoStack = [...undoStack, p.entry];
      } else {
        undoStack = undoStack.filter((e) => e !== p.entry);
        redoStack = [...redoStack, p.entry];
      }
    };
    unstack(item);
    let doc = c.doc;
    let overlay = c.overlay;
    let rowIds = c.rowIds;
    const kept: Pending[] = [];
    for (const p of this.pending) {
      if (p === item) continue;
      try {
        const next = applyOp(doc, overlay, p.op);
        rowIds = nextRowIds(rowIds, doc, p.op);
        ({ doc, overlay } = next);
        kept.push(p);
      } catch {
        unstack(p);
      }
    }
    this.pending = kept;
    this.set({
      doc,
      overlay,
      rowIds,
      undoStack,
      redoStack,
      findings: this.localFindings(doc),
      coverage: this.validator?.coverage?.() ?? this.s.coverage,
      saving: kept.length,
      selection: clampSelection(this.s.selection, doc),
      message: { tone: 'error', key: 'review.refused', params: { message: reason } },
    });
  }

  setTableStatus(table: string, after: TableStatus): boolean {
    const before = this.s.overlay.tableStatus[table] ?? 'unreviewed';
    if (before === after) return false;
    return this.edit({ op: 'setTableStatus', table, before, after });
  }

  /** Waives a finding with a written reason; an empty reason is refused (a waiver must say why). */
  waive(findingId: string, reason: string): boolean {
    const text = reason.trim();
    if (!text) {
      this.set({ message: { tone: 'error', key: 'findings.reasonRequired' } });
      return false;
    }
    const before = this.s.overlay.waivers[findingId] ?? null;
    return this.edit({ op: 'waiveFinding', findingId, before, after: text });
  }

  unwaive(findingId: string): boolean {
    const before = this.s.overlay.waivers[findingId] ?? null;
    if (before === null) return false;
    return this.edit({ op: 'waiveFinding', findingId, before, after: null });
  }

  // ── tables from the extraction engine ───────────────────────────────────────────

  /** A table drawn by the reviewer: the engine reads the region and the result is added as a new table. */
  async extractRegion(page: number, bbox: BBox): Promise<string | null> {
    const docId = this.s.docId;
    if (!docId || !this.s.doc) return null;
    this.set({ extractingRegion: true });
    try {
      const t = await this.api.call('extraction.region', { docId, page, bbox, mode: 'auto' });
      if (docId !== this.s.docId || !this.s.doc) return null;
      const taken = new Set(this.s.doc.tables.map((x) => x.id));
      let id = t.id;
      for (let k = 2; taken.has(id); k++) id = `${t.id}-${k}`;
      const table: Table = { ...t, id, method: t.method ?? 'manual', regions: t.regions ?? [{ page, bbox }] };
      if (!this.edit({ op: 'replaceTable', id, before: null, after: table })) return null;
      this.selectTable(id);
      return id;
    } catch (err) {
      this.set({ message: { tone: 'error', key: 'data.regionFailed', params: { message: errorText(err) } } });
      return null;
    } finally {
      this.set({ extractingRegion: false });
    }
  }

  /**
   * Re-reads a table as ruled (lattice) or unruled (stream) over the region(s) it covers; pages of a continued
   * table are read one by one and their rows joined. The table keeps its id, title, type and unit.
   */
  async reextract(tableId: string, mode: 'lattice' | 'stream'): Promise<boolean> {
    const docId = this.s.docId;
    const old = this.table(tableId);
    if (!docId || !old) return false;
    const regions = tableRegions(old);
    if (regions.length === 0) {
      this.set({ message: { tone: 'error', key: 'data.noRegion' } });
      return false;
    }
    this.set({ extractingRegion: true });
    try {
      const parts: Table[] = [];
      for (const r of regions)
        parts.push(await this.api.call('extraction.region', { docId, page: r.page, bbox: r.bbox, mode }));
      if (docId !== this.s.docId) return false;
      const current = this.table(tableId);
      if (!current) return false;
      const first = parts[0]!;
      const after: Table = {
        ...first,
        id: current.id,
        title: current.title,
        type: current.type,
        number: current.number,
        moneyUnit: current.moneyUnit ?? first.moneyUnit,
        unitCode: current.unitCode,
        unitName: current.unitName,
        pages: regions.map((r) => r.page),
        rows: parts.flatMap((p) => p.rows),
        method: mode,
        regions: parts.flatMap((p, i) => p.regions ?? [regions[i]!]),
      };
      return this.edit({ op: 'replaceTable', id: current.id, before: current, after });
    } catch (err) {
      this.set({ message: { tone: 'error', key: 'data.regionFailed', params: { message: errorText(err) } } });
      return false;
    } finally {
      this.set({ extractingRegion: false });
    }
  }

  // ── selection and findings ──────────────────────────────────────────────────────

  selectTable(id: string | null): void {
    if (this.s.selectedTable === id) return;
    this.set({ selectedTable: id, selection: null });
  }

  select(sel: CellSelection | null, bump = true): void {
    const s = this.s;
    const same =
      sel &&
      s.selection &&
      sel.table === s.selection.table &&
      sel.row === s.selection.row &&
      sel.col === s.selection.col;
    if (same && !bump) return;
    this.set({
      selection: sel,
      selectedTable: sel?.table ?? s.selectedTable,
      selectionNonce: bump || !same ? s.selectionNonce + 1 : s.selectionNonce,
    });
  }

  setFilter(patch: Partial<FindingFilter>): void {
    this.set({ filter: { ...this.s.filter, ...patch } });
  }

  visibleFindings(): Finding[] {
    return filterFindings(this.s.findings, this.s.filter, this.s.overlay.waivers);
  }

  /** F8 / Shift+F8: the next / previous open finding in document order; selects its table and first cell. */
  stepFinding(dir: 1 | -1): Finding | null {
    const f = stepFinding(this.visibleFindings(), this.s.currentFinding, dir, this.s.overlay.waivers);
    if (f) this.goToFinding(f);
    return f;
  }

  goToFinding(f: Finding): void {
    // A finding spanning tables is shown where the reviewer already is, if it touches that table.
    const ref = f.refs.find((r) => r.table === this.s.selectedTable) ?? f.refs.find((r) => this.table(r.table)) ?? null;
    if (!ref) {
      this.set({ currentFinding: f.id });
      return;
    }
    const t = this.table(ref.table)!;
    const row = Math.max(0, Math.min(ref.row, t.rows.length - 1));
    const col =
      ref.col >= 0
        ? ref.col
        : Math.max(
            0,
            t.columns.findIndex((c) => c.role === 'amount'),
          );
    this.set({
      currentFinding: f.id,
      selectedTable: ref.table,
      selection: { table: ref.table, row, col },
      selectionNonce: this.s.selectionNonce + 1,
    });
  }

  hover(findingId: string | null): void {
    if (this.s.hoverFinding !== findingId) this.set({ hoverFinding: findingId });
  }

  /**
   * New settings from the settings dialog: the reviewer's name for the next edits, and the local validator rebuilt
   * with the new rounding tolerance, the findings re-checked at once.
   */
  async applySettings(settings: Partial<Settings>): Promise<void> {
    if (settings.reviewer !== undefined) this.set({ reviewer: settings.reviewer });
    if (this.createValidator) this.validator = this.createValidator(validatorOptions(settings));
    const { doc, docId } = this.s;
    if (!doc || this.s.phase !== 'ready') return;
    const findings = await this.check(doc, true);
    if (docId === this.s.docId && doc === this.s.doc) this.set({ findings });
  }

  showPanel(panel: BottomPanel): void {
    if (this.s.panel !== panel) this.set({ panel });
  }

  dismissMessage(): void {
    this.set({ message: null });
  }

  say(message: ReviewMessage): void {
    this.set({ message });
  }
}

function validatorOptions(s: Partial<Settings>): ValidatorSettings {
  return { tolerancePerAddend: s.tolerancePerAddend, toleranceMin: s.toleranceMin };
}

function clampSelection(sel: CellSelection | null, doc: ExtractedDocument): CellSelection | null {
  if (!sel) return null;
  const t = doc.tables.find((x) => x.id === sel.table);
  if (!t || t.rows.length === 0) return null;
  return { ...sel, row: Math.min(sel.row, t.rows.length - 1) };
}

export function createReviewStore(): StoreApi<ReviewData> {
  return createStore<ReviewData>()(() => initial());
}

/** The window's review store (one open document at a time). */
export const reviewStore = createReviewStore();

export function useReview<T>(selector: (s: ReviewData) => T): T {
  return useStore(reviewStore, selector);
}

let controller: ReviewController | null = null;
let controllerApi: Api | null = null;

/** The controller of the window's review store for this API (one per window). */
export function reviewController(
  api: Api,
  createValidator: ((opts: ValidatorSettings) => Validator) | null,
): ReviewController {
  if (!controller || controllerApi !== api) {
    controller = new ReviewController(reviewStore, api, createValidator);
    controllerApi = api;
  }
  return controller;
}
