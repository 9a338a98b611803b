import { z } from 'zod';
import { EditOpSchema, type EditOp } from '../../shared/model';
import { SignOffSchema, type SignOff } from '../../shared/api';
import { canonicalJson, sha256Hex } from './canonical';

/**
 * The journal is one JSON line per record: `{"r":{…record…},"c":"<checksum>"}` where the checksum is the first
 * 16 hex digits of SHA-256 over the record's JSON text. A line that is cut short, unparsable or fails its checksum
 * is what a crash (or a failing disk) leaves behind; everything before it is intact because records are only ever
 * appended and fsynced one at a time.
 */
interface RecordBase {
  seq: number;
  at: string;
  who: string;
  revision: number;
  /**
   * The hash chain: `recordHash` of the record before this one (`chainStart(docId)` for the first). Records
   * written before the chain existed have none and load as "unchained".
   */
  prev?: string;
}
export type JournalRecord =
  | (RecordBase & { kind: 'op'; op: EditOp })
  | (RecordBase & { kind: 'signOff'; signOff: SignOff })
  | (RecordBase & { kind: 'reopen'; reason: string });

const base = {
  seq: z.number().int().nonnegative(),
  at: z.string(),
  who: z.string(),
  revision: z.number().int().positive(),
  prev: z.string().optional(),
};
export const JournalRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('op'), ...base, op: EditOpSchema }),
  z.object({ kind: z.literal('signOff'), ...base, signOff: SignOffSchema }),
  z.object({ kind: z.literal('reopen'), ...base, reason: z.string() }),
]);

/**
 * A record's identity in the chain: SHA-256 of its canonical JSON (key order and whitespace do not matter, so an
 * export's schema-parsed copy of a record hashes the same as the journal line it came from). It covers `prev`, so
 * the hash of the last record commits to every record before it, back to the first one that carries `prev`.
 */
export function recordHash(rec: JournalRecord): string {
  return sha256Hex(canonicalJson(rec));
}

/** What the first record of a workspace's journal points back to: the journal belongs to this PDF. */
export function chainStart(docId: string): string {
  return sha256Hex(`budget-review-workstation/journal\n${docId}`);
}

/** The `prev` the next record appended after `records` carries. */
export function chainHead(docId: string, records: readonly JournalRecord[]): string {
  const last = records[records.length - 1];
  return last ? recordHash(last) : chainStart(docId);
}

export interface ChainCheck {
  /** `chainHead` of the records as they are. */
  head: string;
  /** Records without `prev` (written by a version before the chain). */
  unchained: number;
  /** Records whose `prev` is not the hash of the record before them: something before them was changed. */
  breaks: { seq: number; index: number }[];
  /**
   * Index of the first record the head covers: records before the last unchained one cannot be told apart from
   * changed ones (0 when the whole journal is chained).
   */
  coveredFrom: number;
}

/** Checks every link of the chain over `records` (a journal, or an export's copy of one). */
export function checkChain(docId: string, records: readonly JournalRecord[]): ChainCheck {
  let unchained = 0;
  let coveredFrom = 0;
  const breaks: ChainCheck['breaks'] = [];
  records.forEach((rec, i) => {
    if (rec.prev === undefined) {
      unchained++;
      coveredFrom = i;
      return;
    }
    const want = i === 0 ? chainStart(docId) : recordHash(records[i - 1]!);
    if (rec.prev !== want) breaks.push({ seq: rec.seq, index: i });
  });
  return { head: chainHead(docId, records), unchained, breaks, coveredFrom };
}

function checksum(json: string): string {
  return sha256Hex(json).slice(0, 16);
}

export function encodeRecord(rec: JournalRecord): Buffer {
  const json = JSON.stringify(rec);
  return Buffer.from(`{"r":${json},"c":"${checksum(json)}"}\n`, 'utf8');
}

export interface ParsedJournal {
  records: JournalRecord[];
  /** Byte length of the intact prefix: every record in `records` lies before it. */
  goodLength: number;
  /** Total bytes read. */
  totalLength: number;
  /** Damaged lines: where and why (1-based line numbers). */
  damaged: { line: number; reason: string }[];
  /** Complete, valid records found AFTER the first damaged line (not kept in `records`). */
  strandedAfterDamage: number;
}

function decodeLine(line: string): { ok: true; rec: JournalRecord } | { ok: false; reason: string } {
  let outer: unknown;
  try {
    outer = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not valid JSON (cut short?)' };
  }
  const o = outer as { r?: unknown; c?: unknown };
  if (!o || typeof o !== 'object' || o.r === undefined || typeof o.c !== 'string') {
    return { ok: false, reason: 'not a journal record' };
  }
  if (checksum(JSON.stringify(o.r)) !== o.c) return { ok: false, reason: 'checksum does not match' };
  const parsed = JournalRecordSchema.safeParse(o.r);
  if (!parsed.success) return { ok: false, reason: 'record has an unexpected shape' };
  return { ok: true, rec: parsed.data as JournalRecord };
}

/** Reads records up to the first damaged line; anything after it is counted, never silently mixed in. */
export function parseJournal(bytes: Uint8Array): ParsedJournal {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: JournalRecord[] = [];
  const damaged: ParsedJournal['damaged'] = [];
  let goodLength = 0;
  let strandedAfterDamage = 0;
  let pos = 0;
  let line = 0;
  let expectSeq = 0;
  while (pos < buf.length) {
    line++;
    const nl = buf.indexOf(0x0a, pos);
    const end = nl < 0 ? buf.length : nl;
    const text = buf.subarray(pos, end).toString('utf8');
    const next = nl < 0 ? buf.length : nl + 1;
    if (text.trim() === '' && nl >= 0) {
      // A blank line carries nothing; keep it inside the good prefix only while no damage has been seen.
      if (damaged.length === 0) goodLength = next;
      pos = next;
      continue;
    }
    let result = nl < 0 ? ({ ok: false, reason: 'last line is cut short (no line end)' } as const) : decodeLine(text);
    if (result.ok && damaged.length === 0 && result.rec.seq !== expectSeq) {
      result = { ok: false, reason: `record number ${result.rec.seq} where ${expectSeq} was expected` };
    }
    if (damaged.length > 0) {
      if (result.ok) strandedAfterDamage++;
      else damaged.push({ line, reason: result.reason });
    } else if (result.ok) {
      records.push(result.rec);
      expectSeq = result.rec.seq + 1;
      goodLength = next;
    } else {
      damaged.push({ line, reason: result.reason });
    }
    pos = next;
  }
  return { records, goodLength, totalLength: buf.length, damaged, strandedAfterDamage };
}
