import path from 'node:path';
import {
  ApiError,
  type DocumentInfo,
  type JournalEntry,
  type RecentDocument,
  type ReviewState,
  type SignOff,
} from '../../shared/api';
import {
  applyOp,
  EditConflictError,
  EditOpSchema,
  emptyOverlay,
  ExtractedDocumentSchema,
  type EditOp,
  type ExtractedDocument,
  type Finding,
  type ReviewOverlay,
} from '../../shared/model';
import { sha256Hex } from './canonical';
import { storageError, unknownDocument } from './errors';
import { nodeFs, writeAtomic, type ReviewFs } from './fs-adapter';
import { encodeRecord, parseJournal, type JournalRecord } from './journal';
import { loadOrCreateKey, readKey } from './keys';
import type { ExportInput } from '../export/types';
import { createSignOff, openFindings, type Validator } from './signoff';

export interface WorkspaceStoreOptions {
  dataDir: string;
  /** File operations; tests pass one that fails like a full or broken disk. */
  fs?: ReviewFs;
  /** Page count of a PDF, so this module does not load pdfjs; without it pages are 0 until an extraction is saved. */
  countPages?: (bytes: Uint8Array) => Promise<number>;
  /** Re-validation of the current document; without it the findings stored with the extraction are used. */
  validate?: Validator;
  /** Write a snapshot after this many journal records (0 = never). */
  snapshotEvery?: number;
  now?: () => Date;
}

/** What the store keeps about a workspace beside the PDF. */
interface WorkspaceInfo extends DocumentInfo {
  path: string | null;
  openedAt: string;
  createdAt: string;
  /** Every name the same bytes were opened under, most recent last. */
  names: string[];
}

/** Everything needed to build an export of a workspace; the export stamps its own time. */
export type WorkspaceExportInput = Omit<ExportInput, 'exportedAt'>;

interface Loaded {
  info: WorkspaceInfo;
  extracted: ExtractedDocument;
  records: JournalRecord[];
  /** Byte length of the journal as this process knows it; the next record is written exactly here. */
  journalLength: number;
  doc: ExtractedDocument;
  overlay: ReviewOverlay;
  revision: number;
  signOff: SignOff | null;
  notices: string[];
}

interface Snapshot {
  v: 1;
  seq: number;
  length: number;
  lastAt: string;
  doc: ExtractedDocument;
  overlay: ReviewOverlay;
  revision: number;
  signOff: SignOff | null;
}

interface Summary {
  journalLength: number;
  extractionAt: string | null;
  status: RecentDocument['status'];
  openFindings: number;
}

const DOC_ID = /^[0-9a-f]{64}$/;

/**
 * Review workspaces, one per PDF (keyed by the SHA-256 of its bytes) under `<dataDir>/workspaces/<sha256>/`:
 * `document.pdf`, `info.json`, `extraction.json`, `journal.jsonl` (append-only, fsynced per record),
 * `snapshot.json` (a replay shortcut, never the only copy of anything). Calls on one document run one at a time.
 */
export class WorkspaceStore {
  readonly dataDir: string;
  private readonly fsa: ReviewFs;
  private readonly opts: WorkspaceStoreOptions;
  private readonly cache = new Map<string, Loaded>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(opts: WorkspaceStoreOptions) {
    this.opts = opts;
    this.dataDir = path.resolve(opts.dataDir);
    this.fsa = opts.fs ?? nodeFs;
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private dir(docId: string): string {
    if (!DOC_ID.test(docId)) throw unknownDocument(docId);
    return path.join(this.dataDir, 'workspaces', docId);
  }

  private file(docId: string, name: string): string {
    return path.join(this.dir(docId), name);
  }

  private serial<T>(docId: string, task: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(docId) ?? Promise.resolve();
    const run = prev.then(task, task);
    const tail = run.catch(() => undefined);
    this.queues.set(docId, tail);
    void tail.then(() => {
      if (this.queues.get(docId) === tail) this.queues.delete(docId);
    });
    return run;
  }

  async importPdf(bytes: Uint8Array, name: string, pdfPath: string | null): Promise<DocumentInfo> {
    const docId = sha256Hex(bytes);
    return this.serial(docId, async () => {
      const dir = this.dir(docId);
      const existing = await this.readInfo(docId).catch(() => null);
      try {
        await this.fsa.mkdir(dir);
        if ((await this.fsa.size(this.file(docId, 'document.pdf'))) !== bytes.length) {
          await writeAtomic(this.fsa, this.file(docId, 'document.pdf'), bytes);
        }
      } catch (err) {
        throw storageError(err, `keep a copy of ${name}`, this.dataDir);
      }
      const pages = this.opts.countPages ? await this.opts.countPages(bytes) : (existing?.pages ?? 0);
      const at = this.now().toISOString();
      const info: WorkspaceInfo = {
        docId,
        name,
        size: bytes.length,
        pages: pages || existing?.pages || 0,
        path: pdfPath ?? existing?.path ?? null,
        openedAt: at,
        createdAt: existing?.createdAt ?? at,
        names: [...(existing?.names ?? []).filter((n) => n !== name), name],
      };
      try {
        await writeAtomic(this.fsa, this.file(docId, 'info.json'), JSON.stringify(info, null, 1));
      } catch (err) {
        // Re-opening a workspace on a read-only disk still works; only "last opened" is not updated.
        if (!existing) throw storageError(err, `create the review workspace for ${name}`, this.dataDir);
      }
      const cached = this.cache.get(docId);
      if (cached) cached.info = info;
      return publicInfo(info);
    });
  }

  async pdfBytes(docId: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await this.fsa.readFile(this.file(docId, 'document.pdf')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw await this.missing(docId, err);
      throw storageError(err, 'read the PDF', this.dataDir);
    }
  }

  async info(docId: string): Promise<DocumentInfo> {
    return publicInfo(await this.readInfo(docId));
  }

  private async readInfo(docId: string): Promise<WorkspaceInfo> {
    let raw: Buffer;
    try {
      raw = await this.fsa.readFile(this.file(docId, 'info.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw await this.missing(docId, err);
      throw storageError(err, 'read the workspace', this.dataDir);
    }
    return JSON.parse(raw.toString('utf8')) as WorkspaceInfo;
  }

  /** An unknown document, unless the whole data directory has gone (a removed drive): then say that. */
  private async missing(docId: string, err: unknown): Promise<ApiError> {
    const dirGone = await this.fsa.readdir(this.dataDir).then(
      () => false,
      () => true,
    );
    return dirGone ? storageError(err, 'open the review workspace', this.dataDir) : unknownDocument(docId);
  }

  async getExtraction(docId: string): Promise<ExtractedDocument | null> {
    await this.readInfo(docId);
    let raw: Buffer;
    try {
      raw = await this.fsa.readFile(this.file(docId, 'extraction.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw storageError(err, 'read the saved extraction', this.dataDir);
    }
    return ExtractedDocumentSchema.parse(JSON.parse(raw.toString('utf8')));
  }

  /**
   * Saves the extraction edits are applied to. Refused once the journal holds records: replacing the base under
   * existing edits would silently change what they mean (re-extract a table through a `replaceTable` op instead).
   */
  async saveExtraction(docId: string, doc: ExtractedDocument): Promise<void> {
    return this.serial(docId, async () => {
      const info = await this.readInfo(docId);
      const journalSize = await this.fsa.size(this.file(docId, 'journal.jsonl')).catch(() => null);
      if (journalSize) {
        const parsed = parseJournal(await this.fsa.readFile(this.file(docId, 'journal.jsonl')));
        if (parsed.records.length > 0) {
          throw new ApiError(
            'review_in_progress',
            `The review of ${info.name} already has ${parsed.records.length} recorded change(s); the extraction under them ` +
              'cannot be replaced. Re-extract single tables instead (each becomes a recorded change).',
          );
        }
      }
      try {
        await writeAtomic(this.fsa, this.file(docId, 'extraction.json'), JSON.stringify(doc));
        await this.fsa.remove(this.file(docId, 'snapshot.json'));
        if (doc.source.pages > 0 && doc.source.pages !== info.pages) {
          await writeAtomic(
            this.fsa,
            this.file(docId, 'info.json'),
            JSON.stringify({ ...info, pages: doc.source.pages }, null, 1),
          );
        }
      } catch (err) {
        throw storageError(err, 'save the extraction', this.dataDir);
      }
      this.cache.delete(docId);
    });
  }

  /** Reads the workspace from disk (repairing a torn journal tail) and returns the full review state. */
  async load(docId: string): Promise<ReviewState> {
    return this.serial(docId, async () => {
      // Notices found by an earlier internal reload (e.g. during an edit) are still reported once, here.
      const earlier = this.cache.get(docId)?.notices ?? [];
      const st = await this.reload(docId);
      st.notices = [...new Set([...earlier, ...st.notices])];
      const state = toReviewState(st);
      st.notices = [];
      return state;
    });
  }

  /** The current document (extraction with every journaled edit applied) and the review overlay. */
  async current(
    docId: string,
  ): Promise<{ doc: ExtractedDocument; overlay: ReviewOverlay; revision: number; signOff: SignOff | null }> {
    return this.serial(docId, async () => {
      const st = await this.state(docId);
      return { doc: st.doc, overlay: st.overlay, revision: st.revision, signOff: st.signOff };
    });
  }

  /** Findings on the current document. */
  async findings(docId: string): Promise<Finding[]> {
    const { doc } = await this.current(docId);
    return this.validate(doc);
  }

  /** Every journal record (edits, sign-offs, re-openings) in order: the audit trail. */
  async audit(docId: string): Promise<JournalRecord[]> {
    return this.serial(docId, async () => (await this.state(docId)).records.slice());
  }

  /** Appends one edit; resolves only after the record is on disk (fsynced). */
  async apply(docId: string, op: EditOp, revision: number, who: string): Promise<{ seq: number }> {
    return this.serial(docId, async () => {
      const parsed = EditOpSchema.safeParse(op);
      if (!parsed.success)
        throw new ApiError('bad_edit', `The edit is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      let st = await this.state(docId);
      // Another process may have written since we last looked: pick its records up instead of overwriting them.
      const onDisk = await this.fsa.size(this.file(docId, 'journal.jsonl')).catch(() => null);
      if ((onDisk ?? 0) !== st.journalLength) st = await this.reload(docId);
      if (st.signOff) {
        throw new ApiError(
          'signed_off',
          `${st.info.name} was signed off by ${st.signOff.reviewer} (revision ${st.revision}) and is read-only. Re-open it to make changes.`,
        );
      }
      if (revision !== st.revision) {
        throw new ApiError(
          'stale_revision',
          `This edit was made on revision ${revision}, but the review is now at revision ${st.revision}. Reload the review.`,
        );
      }
      let next: { doc: ExtractedDocument; overlay: ReviewOverlay };
      try {
        next = applyOp(st.doc, st.overlay, op);
      } catch (err) {
        if (err instanceof EditConflictError) {
          throw new ApiError(
            'edit_conflict',
            `The edit does not fit the current data (${err.message}); it was not saved. Reload the review.`,
          );
        }
        throw err;
      }
      const rec: JournalRecord = {
        kind: 'op',
        seq: nextSeq(st),
        at: this.now().toISOString(),
        who,
        revision: st.revision,
        op,
      };
      await this.append(st, rec, 'save the edit');
      st.doc = next.doc;
      st.overlay = next.overlay;
      await this.maybeSnapshot(st);
      return { seq: rec.seq };
    });
  }

  async signOff(docId: string, reviewer: string, note: string): Promise<SignOff> {
    return this.serial(docId, async () => {
      const st = await this.reload(docId);
      if (st.signOff)
        throw new ApiError('already_signed_off', `${st.info.name} is already signed off (revision ${st.revision}).`);
      const pdfSha256 = sha256Hex(await this.pdfBytes(docId));
      if (pdfSha256 !== docId) {
        throw new ApiError(
          'pdf_damaged',
          `The stored copy of ${st.info.name} no longer matches the document that was reviewed; sign-off refused.`,
        );
      }
      let key;
      try {
        key = await loadOrCreateKey(this.fsa, this.dataDir);
      } catch (err) {
        throw storageError(err, 'prepare the signing key', this.dataDir);
      }
      const signOff = createSignOff({
        doc: st.doc,
        overlay: st.overlay,
        findings: this.validate(st.doc),
        reviewer,
        note,
        pdfSha256,
        revision: st.revision,
        key,
        now: this.now(),
      });
      const rec: JournalRecord = {
        kind: 'signOff',
        seq: nextSeq(st),
        at: signOff.at,
        who: signOff.reviewer,
        revision: st.revision,
        signOff,
      };
      await this.append(st, rec, 'record the sign-off');
      st.signOff = signOff;
      return signOff;
    });
  }

  async reopen(docId: string, reason: string, who: string): Promise<ReviewState> {
    return this.serial(docId, async () => {
      const st = await this.reload(docId);
      if (!st.signOff)
        throw new ApiError('not_signed_off', `${st.info.name} is not signed off; there is nothing to re-open.`);
      if (!reason.trim())
        throw new ApiError('reopen_no_reason', 'Re-opening a signed-off review needs a written reason.');
      const rec: JournalRecord = {
        kind: 'reopen',
        seq: nextSeq(st),
        at: this.now().toISOString(),
        who,
        revision: st.revision + 1,
        reason: reason.trim(),
      };
      await this.append(st, rec, 're-open the review');
      st.signOff = null;
      st.revision = rec.revision;
      return toReviewState(st);
    });
  }

  /** Recent documents, most recently opened first. */
  async recent(): Promise<RecentDocument[]> {
    let ids: string[];
    try {
      ids = (await this.fsa.readdir(path.join(this.dataDir, 'workspaces'))).filter((d) => DOC_ID.test(d));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw storageError(err, 'list recent documents', this.dataDir);
    }
    const out: RecentDocument[] = [];
    for (const id of ids) {
      const info = await this.readInfo(id).catch(() => null);
      if (!info) continue;
      const summary = await this.serial(id, () => this.summary(id)).catch(() => null);
      out.push({
        ...publicInfo(info),
        path: info.path,
        openedAt: info.openedAt,
        status: summary?.status ?? 'new',
        ...(summary && summary.status !== 'new' ? { openFindings: summary.openFindings } : {}),
      });
    }
    return out.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  }

  /** Everything main/export needs for this workspace. */
  async exportInput(docId: string): Promise<WorkspaceExportInput> {
    return this.serial(docId, async () => {
      const st = await this.state(docId);
      const key = await readKey(this.fsa, this.dataDir).catch(() => null);
      return {
        info: publicInfo(st.info),
        extracted: st.extracted,
        document: st.doc,
        overlay: st.overlay,
        findings: this.validate(st.doc),
        journal: st.records.slice(),
        revision: st.revision,
        signOff: st.signOff,
        publicKey: st.signOff?.publicKey ?? key?.publicKey ?? null,
      };
    });
  }

  private validate(doc: ExtractedDocument): Finding[] {
    return this.opts.validate ? this.opts.validate(doc) : doc.findings;
  }

  private async state(docId: string): Promise<Loaded> {
    return this.cache.get(docId) ?? this.reload(docId);
  }

  private async reload(docId: string): Promise<Loaded> {
    const info = await this.readInfo(docId);
    const extracted = await this.getExtraction(docId);
    if (!extracted) {
      throw new ApiError('not_extracted', `${info.name} has not been extracted yet, so there is no review to load.`);
    }
    const notices: string[] = [];
    const journalFile = this.file(docId, 'journal.jsonl');
    let bytes: Buffer;
    try {
      bytes = await this.fsa.readFile(journalFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw storageError(err, 'read the review journal', this.dataDir);
      bytes = Buffer.alloc(0);
    }
    const parsed = parseJournal(bytes);
    if (parsed.damaged.length > 0) notices.push(...(await this.repairJournal(docId, info, parsed, bytes)));

    const st: Loaded = {
      info,
      extracted,
      records: parsed.records,
      journalLength: parsed.goodLength,
      doc: extracted,
      overlay: emptyOverlay(),
      revision: 1,
      signOff: null,
      notices,
    };
    let from = 0;
    const snap = await this.readSnapshot(docId, parsed.records, parsed.goodLength);
    if (snap) {
      st.doc = snap.doc;
      st.overlay = snap.overlay;
      st.revision = snap.revision;
      st.signOff = snap.signOff;
      from = snap.seq + 1;
    }
    for (const rec of parsed.records.slice(from)) {
      if (rec.kind === 'op') {
        try {
          const next = applyOp(st.doc, st.overlay, rec.op);
          st.doc = next.doc;
          st.overlay = next.overlay;
        } catch (err) {
          notices.push(
            `Recorded change #${rec.seq} (${rec.op.op} by ${rec.who}) no longer fits the data and was skipped: ${(err as Error).message}.`,
          );
        }
      } else if (rec.kind === 'signOff') {
        st.signOff = rec.signOff;
      } else {
        st.signOff = null;
        st.revision = rec.revision;
      }
    }
    this.cache.set(docId, st);
    return st;
  }

  /** Cuts the journal back to its last intact record; damaged content is kept aside, never just thrown away. */
  private async repairJournal(
    docId: string,
    info: WorkspaceInfo,
    parsed: ReturnType<typeof parseJournal>,
    bytes: Buffer,
  ): Promise<string[]> {
    const first = parsed.damaged[0]!;
    const dropped = parsed.totalLength - parsed.goodLength;
    const kept = parsed.records.filter((r) => r.kind === 'op').length;
    const notices: string[] = [];
    let asideName: string | null = null;
    if (parsed.strandedAfterDamage > 0) {
      asideName = `journal.damaged-${this.now().toISOString().replace(/[:.]/g, '-')}.jsonl`;
      notices.push(
        `The review journal of ${info.name} is damaged at line ${first.line} (${first.reason}). The ${kept} change(s) before it are ` +
          `restored; ${parsed.strandedAfterDamage} record(s) after the damage could not be trusted and are kept aside in ${asideName}.`,
      );
    } else {
      notices.push(
        `The last save of the review journal of ${info.name} was interrupted: ${dropped} byte(s) at line ${first.line} were incomplete ` +
          `(${first.reason}) and were dropped. All ${kept} complete change(s) before it are restored.`,
      );
    }
    try {
      if (asideName) await writeAtomic(this.fsa, this.file(docId, asideName), bytes);
      await this.fsa.truncate(this.file(docId, 'journal.jsonl'), parsed.goodLength);
    } catch (err) {
      notices.push(
        `The journal could not be repaired on disk (${storageError(err, 'repair it', this.dataDir).message})`,
      );
    }
    return notices;
  }

  private async append(st: Loaded, rec: JournalRecord, action: string): Promise<void> {
    const line = encodeRecord(rec);
    try {
      await this.fsa.writeAtDurable(this.file(st.info.docId, 'journal.jsonl'), line, st.journalLength);
      // The first record also creates the file; its directory entry must be durable too.
      if (st.journalLength === 0) await this.fsa.syncDir(this.dir(st.info.docId));
    } catch (err) {
      throw storageError(err, action, this.dataDir);
    }
    st.journalLength += line.length;
    st.records.push(rec);
  }

  private async readSnapshot(docId: string, records: JournalRecord[], goodLength: number): Promise<Snapshot | null> {
    try {
      const snap = JSON.parse(
        (await this.fsa.readFile(this.file(docId, 'snapshot.json'))).toString('utf8'),
      ) as Snapshot;
      const rec = records[snap.seq];
      // Only a snapshot of exactly this journal prefix is trusted; otherwise the journal is replayed in full.
      if (snap.v !== 1 || !rec || rec.seq !== snap.seq || rec.at !== snap.lastAt || snap.length > goodLength)
        return null;
      return snap;
    } catch {
      return null;
    }
  }

  private async maybeSnapshot(st: Loaded): Promise<void> {
    const every = this.opts.snapshotEvery ?? 500;
    const last = st.records[st.records.length - 1];
    if (!every || !last || (last.seq + 1) % every !== 0) return;
    const snap: Snapshot = {
      v: 1,
      seq: last.seq,
      length: st.journalLength,
      lastAt: last.at,
      doc: st.doc,
      overlay: st.overlay,
      revision: st.revision,
      signOff: st.signOff,
    };
    // A snapshot is only a shortcut: failing to write one loses nothing, the journal holds every record.
    await writeAtomic(this.fsa, this.file(st.info.docId, 'snapshot.json'), JSON.stringify(snap)).catch(() => undefined);
  }

  private async summary(docId: string): Promise<Summary> {
    const journalLength = (await this.fsa.size(this.file(docId, 'journal.jsonl')).catch(() => null)) ?? 0;
    const extractionSize = await this.fsa.size(this.file(docId, 'extraction.json')).catch(() => null);
    if (extractionSize === null) return { journalLength, extractionAt: null, status: 'new', openFindings: 0 };
    const key = `${extractionSize}`;
    try {
      const cached = JSON.parse(
        (await this.fsa.readFile(this.file(docId, 'summary.json'))).toString('utf8'),
      ) as Summary;
      if (cached.journalLength === journalLength && cached.extractionAt === key) return cached;
    } catch {
      // No summary yet, or an unreadable one: compute it.
    }
    const st = await this.reload(docId);
    const status: Summary['status'] = st.signOff ? 'signed_off' : st.records.length > 0 ? 'in_review' : 'extracted';
    const summary: Summary = {
      journalLength: st.journalLength,
      extractionAt: key,
      status,
      openFindings: openFindings(this.validate(st.doc), st.overlay).length,
    };
    await writeAtomic(this.fsa, this.file(docId, 'summary.json'), JSON.stringify(summary)).catch(() => undefined);
    return summary;
  }
}

function nextSeq(st: Loaded): number {
  const last = st.records[st.records.length - 1];
  return last ? last.seq + 1 : 0;
}

function publicInfo(info: WorkspaceInfo): DocumentInfo {
  return { docId: info.docId, name: info.name, size: info.size, pages: info.pages };
}

function toReviewState(st: Loaded): ReviewState {
  const journal: JournalEntry[] = st.records
    .filter((r): r is Extract<JournalRecord, { kind: 'op' }> => r.kind === 'op')
    .map((r) => ({ seq: r.seq, at: r.at, who: r.who, revision: r.revision, op: r.op }));
  return {
    info: publicInfo(st.info),
    extracted: st.extracted,
    journal,
    revision: st.revision,
    tableStatus: { ...st.overlay.tableStatus },
    waivers: { ...st.overlay.waivers },
    signOff: st.signOff,
    notices: st.notices.slice(),
    audit: st.records.flatMap((r) =>
      r.kind === 'op'
        ? []
        : [
            {
              seq: r.seq,
              at: r.at,
              who: r.who,
              revision: r.revision,
              kind: r.kind,
              text: r.kind === 'signOff' ? r.signOff.note : r.reason,
            },
          ],
    ),
  };
}
