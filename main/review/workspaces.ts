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
  ExtractedDocumentSchema,
  replayJournal,
  skippedNotice,
  type EditOp,
  type ExtractedDocument,
  type Finding,
  type ReviewOverlay,
} from '../../shared/model';
import { canonicalJson, sha256Hex } from './canonical';
import { prepareDataDir } from './data-dir';
import { storageError, unknownDocument } from './errors';
import { nodeFs, writeAtomic, type ReviewFs } from './fs-adapter';
import {
  chainHead,
  checkChain,
  encodeRecord,
  JournalRecordSchema,
  parseJournal,
  recordHash,
  type JournalRecord,
} from './journal';
import { loadOrCreateKey, readKey } from './keys';
import { lockDataDir, type DataDirLock } from './lock';
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
  /**
   * Re-makes the extraction from the stored PDF when `extraction.json` is cut short or unreadable; the journal is
   * then replayed onto it. Without it a damaged extraction is reported as such (`extraction_damaged`).
   */
  reextract?: (pdf: Uint8Array, name: string) => Promise<ExtractedDocument>;
  /**
   * Take the data directory's one-writer lock (default true). A second process opening the same data dir is
   * refused with `data_dir_in_use`; stores in one process share it.
   */
  lock?: boolean;
  /**
   * Create the data directory when it is missing (default true). The CLI export only reads: it passes false, and
   * a data directory that does not exist is then neither created nor locked (there is nothing in it to protect).
   */
  create?: boolean;
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
  v: 1 | 2;
  seq: number;
  length: number;
  lastAt: string;
  /** v2: `recordHash` of record `seq`, so a changed or cut journal under the snapshot is noticed. */
  head?: string;
  /** v2: SHA-256 of the snapshot's canonical JSON without this member, so a changed snapshot is noticed. */
  digest?: string;
  doc: ExtractedDocument;
  overlay: ReviewOverlay;
  revision: number;
  signOff: SignOff | null;
}

/**
 * `journal.head`: where the journal ended after the last acknowledged append (written after the record is on disk,
 * so it never claims more than the journal holds). A journal that ends before it, or whose record there differs,
 * was cut back, deleted or edited — which the records alone cannot show when whole lines went.
 */
interface JournalHead {
  seq: number;
  hash: string;
  length: number;
}

/** Thrown inside the store for an `extraction.json` that is cut short or unreadable. */
class DamagedExtraction extends Error {}

interface Summary {
  /** Bumped when the summary gains fields, so older cached summaries are recomputed. */
  v?: number;
  journalLength: number;
  extractionAt: string | null;
  status: RecentDocument['status'];
  openFindings: number;
  identity?: Pick<RecentDocument, 'department' | 'unitCode' | 'year' | 'kind' | 'tables'>;
}

const SUMMARY_VERSION = 2;

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
  /** Notices found outside a load (a re-made extraction), reported by the next `load`. */
  private readonly pendingNotices = new Map<string, string[]>();
  private lock: DataDirLock | null = null;

  /** Throws `data_dir_in_use` when another live process has the data directory open. */
  constructor(opts: WorkspaceStoreOptions) {
    this.opts = opts;
    this.dataDir = path.resolve(opts.dataDir);
    this.fsa = opts.fs ?? nodeFs;
    if (opts.lock !== false) {
      prepareDataDir(this.dataDir, opts.create !== false);
      this.lock = lockDataDir(this.dataDir);
    }
  }

  /** Lets go of the data directory (the lock is also released when the process exits). */
  close(): void {
    this.lock?.release();
    this.lock = null;
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

  /** The saved extraction (re-made from the PDF when damaged, see `reextract`); null when there is none yet. */
  async getExtraction(docId: string): Promise<ExtractedDocument | null> {
    return this.serial(docId, async () => {
      const info = await this.readInfo(docId);
      const notices: string[] = [];
      const doc = await this.extraction(docId, info, notices, true);
      if (notices.length) this.pendingNotices.set(docId, [...(this.pendingNotices.get(docId) ?? []), ...notices]);
      return doc;
    });
  }

  private async readExtraction(docId: string): Promise<ExtractedDocument | null> {
    let raw: Buffer;
    try {
      raw = await this.fsa.readFile(this.file(docId, 'extraction.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw storageError(err, 'read the saved extraction', this.dataDir);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new DamagedExtraction(raw.length === 0 ? 'the file is empty' : 'it is cut short or not valid JSON');
    }
    const parsed = ExtractedDocumentSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DamagedExtraction(`unexpected content at ${issue?.path.join('.') || 'the top'}: ${issue?.message}`);
    }
    return parsed.data;
  }

  /**
   * The extraction, re-made from the stored PDF when the saved one is damaged (a crash or a failing disk while it
   * was written by an older version, or a hand edit). The damaged file is kept aside; the journal is replayed onto
   * the new one by the caller, and `notices` says what happened.
   */
  private async extraction(
    docId: string,
    info: WorkspaceInfo,
    notices: string[],
    allowReextract: boolean,
  ): Promise<ExtractedDocument | null> {
    try {
      return await this.readExtraction(docId);
    } catch (err) {
      if (!(err instanceof DamagedExtraction)) throw err;
      const why = err.message;
      if (!this.opts.reextract || !allowReextract) {
        throw new ApiError(
          'extraction_damaged',
          `The saved extraction of ${info.name} is damaged (${why}). Open the document in the workstation to ` +
            're-extract it from the stored PDF; the recorded changes are kept and replayed onto it.',
        );
      }
      let pdf: Uint8Array;
      try {
        pdf = new Uint8Array(await this.fsa.readFile(this.file(docId, 'document.pdf')));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw storageError(e, 'read the PDF', this.dataDir);
        throw new ApiError(
          'extraction_damaged',
          `The saved extraction of ${info.name} is damaged (${why}), and the stored PDF is missing, so it cannot be ` +
            're-made. Open the original PDF again.',
        );
      }
      if (sha256Hex(pdf) !== docId) {
        throw new ApiError(
          'extraction_damaged',
          `The saved extraction of ${info.name} is damaged (${why}), and the stored PDF no longer matches the document, ` +
            'so it cannot be re-made. Open the original PDF again.',
        );
      }
      const doc = await this.opts.reextract(pdf, info.name);
      const aside = `extraction.damaged-${this.now().toISOString().replace(/[:.]/g, '-')}.json`;
      try {
        await this.fsa.rename(this.file(docId, 'extraction.json'), this.file(docId, aside));
        await writeAtomic(this.fsa, this.file(docId, 'extraction.json'), JSON.stringify(doc));
        await this.fsa.remove(this.file(docId, 'snapshot.json'));
      } catch (e) {
        throw storageError(e, 'save the re-made extraction', this.dataDir);
      }
      notices.push(
        `The saved extraction of ${info.name} was damaged (${why}); it was re-made from the stored PDF and the recorded ` +
          `changes were replayed onto it. The damaged file is kept as ${aside}.`,
      );
      return doc;
    }
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
      const earlier = [...(this.pendingNotices.get(docId) ?? []), ...(this.cache.get(docId)?.notices ?? [])];
      this.pendingNotices.delete(docId);
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
        prev: chainHead(docId, st.records),
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
        // The chain head covers every record before the sign-off: who changed what, when, and every waiver.
        journalHead: chainHead(docId, st.records),
        key,
        now: this.now(),
      });
      const rec: JournalRecord = {
        kind: 'signOff',
        seq: nextSeq(st),
        at: signOff.at,
        who: signOff.reviewer,
        revision: st.revision,
        prev: signOff.journalHead,
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
        prev: chainHead(docId, st.records),
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
        ...(summary?.identity ?? {}),
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

  private async reload(docId: string, allowReextract = true): Promise<Loaded> {
    const info = await this.readInfo(docId);
    const notices: string[] = [];
    const extracted = await this.extraction(docId, info, notices, allowReextract);
    if (!extracted) {
      throw new ApiError('not_extracted', `${info.name} has not been extracted yet, so there is no review to load.`);
    }
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
    const damaged = parsed.damaged.length > 0;
    if (damaged) notices.push(...(await this.repairJournal(docId, info, parsed, bytes)));
    notices.push(...this.chainNotices(docId, info, parsed.records));
    // Lines that went whole (a journal cut at a line boundary, or deleted) leave no trace in the journal itself.
    const headProblems = damaged ? [] : await this.headNotices(docId, info, parsed.records);
    notices.push(...headProblems);

    const st: Loaded = {
      info,
      extracted,
      records: parsed.records,
      journalLength: parsed.goodLength,
      doc: extracted,
      overlay: { tableStatus: {}, waivers: {} },
      revision: 1,
      signOff: null,
      notices,
    };
    if (damaged) await this.writeHead(st);
    // Damage and loss already reported are not reported again by the snapshot's own cross-check.
    const reported = damaged || headProblems.length > 0;
    const snap = await this.readSnapshot(docId, info, parsed.records, parsed.goodLength, reported, notices);
    const replayed = replayJournal<SignOff>(
      snap ?? extracted,
      snap ? parsed.records.slice(snap.seq + 1) : parsed.records,
    );
    st.doc = replayed.doc;
    st.overlay = replayed.overlay;
    st.revision = replayed.revision;
    st.signOff = replayed.signOff;
    notices.push(...replayed.skipped.map(skippedNotice));
    this.cache.set(docId, st);
    return st;
  }

  /** Records that do not follow from the one before them, and records from before the chain. */
  private chainNotices(docId: string, info: WorkspaceInfo, records: JournalRecord[]): string[] {
    const chain = checkChain(docId, records);
    const out: string[] = [];
    if (chain.breaks.length > 0) {
      const seqs = chain.breaks.map((b) => `#${b.seq}`);
      out.push(
        `The review journal of ${info.name} was changed after it was written: record${seqs.length > 1 ? 's' : ''} ` +
          `${seqs.slice(0, 5).join(', ')}${seqs.length > 5 ? ', …' : ''} ${seqs.length > 1 ? 'do' : 'does'} not follow from the record before ` +
          '(that record was edited, or records were removed). The review is shown as the journal now reads; its history ' +
          'cannot be trusted.',
      );
    }
    if (chain.unchained > 0) {
      out.push(
        `${chain.unchained} record(s) of the review journal of ${info.name} were written by an older version and are not ` +
          'hash-chained (unchained): a change to them could not be detected. New records are chained.',
      );
    }
    return out;
  }

  private async readHead(docId: string): Promise<JournalHead | null> {
    try {
      const h = JSON.parse((await this.fsa.readFile(this.file(docId, 'journal.head'))).toString('utf8')) as JournalHead;
      return Number.isInteger(h?.seq) && typeof h.hash === 'string' ? h : null;
    } catch {
      // Missing (never written, or a journal from an older version) or torn by a power cut: nothing to compare.
      return null;
    }
  }

  private async headNotices(docId: string, info: WorkspaceInfo, records: JournalRecord[]): Promise<string[]> {
    const head = await this.readHead(docId);
    if (!head) return [];
    if (head.seq >= records.length) {
      const missing = head.seq + 1 - records.length;
      return [
        records.length === 0
          ? `The review journal of ${info.name} is missing or empty, but ${missing} recorded change(s) had been saved ` +
            '(the journal was deleted or cut back). The review is shown without them.'
          : `The review journal of ${info.name} ends at record #${records.length - 1}, but records up to #${head.seq} had ` +
            `been saved: ${missing} recorded change(s) are missing (the journal was cut back). The review is shown without them.`,
      ];
    }
    if (recordHash(records[head.seq]!) !== head.hash) {
      return [
        `Record #${head.seq} of the review journal of ${info.name} differs from the one that was saved (it was edited). ` +
          'The review is shown as the journal now reads; its history cannot be trusted.',
      ];
    }
    return [];
  }

  /** Best effort: a head that lags behind is harmless, and the journal itself is already on disk. */
  private async writeHead(st: Loaded): Promise<void> {
    const last = st.records[st.records.length - 1];
    const file = this.file(st.info.docId, 'journal.head');
    if (!last) {
      await this.fsa.remove(file).catch(() => undefined);
      return;
    }
    const head: JournalHead = { seq: last.seq, hash: recordHash(last), length: st.journalLength };
    const data = Buffer.from(JSON.stringify(head), 'utf8');
    await (this.fsa.replaceQuick ? this.fsa.replaceQuick(file, data) : writeAtomic(this.fsa, file, data)).catch(
      () => undefined,
    );
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

  private async append(st: Loaded, given: JournalRecord, action: string): Promise<void> {
    // Journaled exactly as it will read back (members the schema does not know are left out), so the record's
    // hash in the chain is the same now and after a reload.
    const rec = JournalRecordSchema.parse(given) as JournalRecord;
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
    await this.writeHead(st);
  }

  /**
   * A snapshot is only trusted for exactly the journal prefix it was made from; otherwise the journal is replayed
   * in full, and a snapshot that was changed, or that saw records the journal no longer has, is reported.
   */
  private async readSnapshot(
    docId: string,
    info: WorkspaceInfo,
    records: JournalRecord[],
    goodLength: number,
    reported: boolean,
    notices: string[],
  ): Promise<Snapshot | null> {
    let snap: Snapshot;
    try {
      snap = JSON.parse((await this.fsa.readFile(this.file(docId, 'snapshot.json'))).toString('utf8')) as Snapshot;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !reported)
        notices.push(
          `The replay shortcut snapshot.json of ${info.name} is unreadable; it was ignored and the review rebuilt from the journal.`,
        );
      return null;
    }
    const rec = records[snap.seq];
    if (snap.v === 2) {
      const { digest, ...rest } = snap;
      if (digest !== sha256Hex(canonicalJson(rest))) {
        notices.push(
          `snapshot.json of ${info.name} was changed after it was written; it was ignored and the review rebuilt from the journal.`,
        );
        return null;
      }
      if (!rec || snap.length > goodLength) {
        // A cut-back journal is reported once: by the journal's head when it has one, or here.
        if (!reported)
          notices.push(
            `The review journal of ${info.name} has ${records.length} record(s), but snapshot.json was made after record ` +
              `#${snap.seq}: ${snap.seq + 1 - records.length} recorded change(s) are missing (the journal was cut back or ` +
              'deleted). The review is shown as the journal now reads.',
          );
        return null;
      }
      if (recordHash(rec) !== snap.head) {
        if (!reported)
          notices.push(
            `Record #${snap.seq} of the review journal of ${info.name} differs from the one snapshot.json was made from (it was ` +
              'edited). The review is shown as the journal now reads; its history cannot be trusted.',
          );
        return null;
      }
      return snap;
    }
    // v1 (before the chain): only the record's number and time can be compared.
    if (snap.v !== 1 || !rec || rec.seq !== snap.seq || rec.at !== snap.lastAt || snap.length > goodLength) return null;
    return snap;
  }

  private async maybeSnapshot(st: Loaded): Promise<void> {
    const every = this.opts.snapshotEvery ?? 500;
    const last = st.records[st.records.length - 1];
    if (!every || !last || (last.seq + 1) % every !== 0) return;
    const body: Omit<Snapshot, 'digest'> = {
      v: 2,
      seq: last.seq,
      length: st.journalLength,
      lastAt: last.at,
      head: recordHash(last),
      doc: st.doc,
      overlay: st.overlay,
      revision: st.revision,
      signOff: st.signOff,
    };
    const snap: Snapshot = { ...body, digest: sha256Hex(canonicalJson(body)) };
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
      if (cached.v === SUMMARY_VERSION && cached.journalLength === journalLength && cached.extractionAt === key)
        return cached;
    } catch {
      // No summary yet, or an unreadable one: compute it.
    }
    // The start screen never re-extracts: a damaged extraction is re-made when the review is opened.
    const st = await this.reload(docId, false);
    const status: Summary['status'] = st.signOff ? 'signed_off' : st.records.length > 0 ? 'in_review' : 'extracted';
    const meta = st.doc.meta;
    const summary: Summary = {
      v: SUMMARY_VERSION,
      journalLength: st.journalLength,
      extractionAt: key,
      status,
      openFindings: openFindings(this.validate(st.doc), st.overlay).length,
      identity: {
        department: meta.department,
        unitCode: meta.unitCode,
        year: meta.year,
        kind: meta.kind,
        tables: st.doc.tables.filter((t) => t.type !== 'other' && t.type !== 'performance').length,
      },
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
