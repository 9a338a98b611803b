import type { JournalEntry } from '../../shared/api/contract';
import type { MessageKey, MessageParams } from '../../shared/i18n';
import type { ExtractedDocument, Row, Table } from '../../shared/model/document';
import { applyOp, emptyOverlay, type EditOp } from '../../shared/model/edits';
import type { AuditEntry } from '../store/review';
import { tableLabel } from './tables';

/**
 * The audit trail as the reviewer reads it: every journaled edit, sign-off and re-opening in sequence, each said in
 * words. Cell and row labels are taken from the document as it stood just before the edit (the journal is replayed
 * from the extraction), so an edit keeps its true row name even after rows above it were inserted or deleted.
 */
export interface TrailItem {
  seq: number;
  at: string;
  who: string;
  revision: number;
  kind: 'edit' | AuditEntry['kind'];
  /** The table the edit touched (for the filter); null for sign-offs, re-openings and waivers. */
  table: string | null;
  tableLabel: string;
  text: string;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const NAMES_SHOWN = 3;

/** A recorded time in the reader's language; an unreadable stamp is shown as stored rather than hidden. */
export function formatTime(iso: string, locale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}

function rowLabel(row: Row | undefined, index: number): string {
  return row?.name?.trim() || row?.code?.trim() || `#${index + 1}`;
}

function colLabel(t: Table | undefined, col: number): string {
  return t?.columns[col]?.label?.trim() || `#${col + 1}`;
}

function names(rows: readonly Row[], index: number): string {
  const shown = rows.slice(0, NAMES_SHOWN).map((r, i) => rowLabel(r, index + i));
  return rows.length > NAMES_SHOWN ? `${shown.join('、')}…` : shown.join('、');
}

function opTable(op: EditOp): string | null {
  switch (op.op) {
    case 'waiveFinding':
      return null;
    case 'replaceTable':
      return op.id;
    case 'batch':
      return op.ops.map(opTable).find((x) => x !== null) ?? null;
    default:
      return op.table;
  }
}

/** One edit in words, against `doc` as it was before the edit. */
export function describeOp(op: EditOp, doc: ExtractedDocument, t: Translate): string {
  const table = (id: string) => doc.tables.find((x) => x.id === id);
  const blank = (s: string) => (s.trim() === '' ? t('audit.blank') : s);
  switch (op.op) {
    case 'setCell': {
      const tb = table(op.table);
      return t('audit.op.setCell', {
        row: rowLabel(tb?.rows[op.row], op.row),
        col: colLabel(tb, op.col),
        before: blank(op.before.text),
        after: blank(op.after.text),
      });
    }
    case 'confirmCell': {
      const tb = table(op.table);
      const params = { row: rowLabel(tb?.rows[op.row], op.row), col: colLabel(tb, op.col) };
      return t(op.confirmed ? 'audit.op.confirm' : 'audit.op.unconfirm', params);
    }
    case 'spliceRows': {
      const affected = op.intent === 'insert' || op.intent === 'paste' ? op.inserted : op.removed;
      return t(`audit.op.rows.${op.intent}`, {
        count: affected.length,
        at: op.index + 1,
        names: names(affected, op.index),
      });
    }
    case 'setTableStatus':
      return t('audit.op.status', { before: t(`data.status.${op.before}`), after: t(`data.status.${op.after}`) });
    case 'waiveFinding':
      return op.after === null
        ? t('audit.op.unwaive', { finding: op.findingId })
        : t('audit.op.waive', { finding: op.findingId, reason: op.after });
    case 'replaceTable': {
      const method = op.after?.method ?? op.before?.method ?? '—';
      if (op.before === null) return t('audit.op.tableAdded', { method });
      if (op.after === null) return t('audit.op.tableRemoved');
      return t('audit.op.tableReplaced', { method });
    }
    case 'batch': {
      const parts: string[] = [];
      let d = doc;
      for (const o of op.ops.slice(0, NAMES_SHOWN)) {
        parts.push(describeOp(o, d, t));
        d = replay(d, o);
      }
      const detail = op.ops.length > NAMES_SHOWN ? `${parts.join('; ')}; …` : parts.join('; ');
      return t('audit.op.batch', { count: op.ops.length, detail });
    }
  }
}

/** The document after `op`; an op the service skipped on replay (see its load notices) leaves it unchanged. */
function replay(doc: ExtractedDocument, op: EditOp): ExtractedDocument {
  try {
    return applyOp(doc, emptyOverlay(), op).doc;
  } catch {
    return doc;
  }
}

/** Edits and record entries merged in sequence (oldest first). */
export function buildTrail(
  extracted: ExtractedDocument | null,
  journal: readonly JournalEntry[],
  audit: readonly AuditEntry[],
  t: Translate,
): TrailItem[] {
  const out: TrailItem[] = [];
  let doc = extracted;
  const edits = journal.slice().sort((a, b) => a.seq - b.seq);
  for (const e of edits) {
    const id = opTable(e.op);
    const tb =
      id !== null
        ? (doc?.tables.find((x) => x.id === id) ?? (e.op.op === 'replaceTable' ? (e.op.after ?? undefined) : undefined))
        : undefined;
    out.push({
      seq: e.seq,
      at: e.at,
      who: e.who,
      revision: e.revision,
      kind: 'edit',
      table: id,
      tableLabel: id === null ? '' : tableLabel(tb, id),
      text: doc ? describeOp(e.op, doc, t) : e.op.op,
    });
    if (doc) doc = replay(doc, e.op);
  }
  for (const a of audit) {
    const text =
      a.kind === 'reopen'
        ? t('audit.reopen', { reason: a.text })
        : a.text.trim()
          ? t('audit.signOff', { note: a.text })
          : t('audit.signOffNoNote');
    out.push({
      seq: a.seq,
      at: a.at,
      who: a.who,
      revision: a.revision,
      kind: a.kind,
      table: null,
      tableLabel: '',
      text,
    });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** Rows drawn at first and added per "show more": a long review has thousands of entries. */
export const TRAIL_PAGE = 200;

/** Newest first, optionally one table's edits (sign-offs and re-openings concern every table and always show). */
export function visibleTrail(items: readonly TrailItem[], table: string): TrailItem[] {
  const out: TrailItem[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    if (table === 'all' || it.table === table || it.kind !== 'edit') out.push(it);
  }
  return out;
}
