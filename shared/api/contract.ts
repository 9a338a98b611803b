import { z } from 'zod';
import {
  BBoxSchema,
  EditOpSchema,
  ExtractedDocumentSchema,
  FindingSchema,
  TableSchema,
  TableStatusSchema,
} from '../model';

/**
 * The one API between the renderer and the main side. Electron IPC (main/electron) and the web host (main/web) are
 * two transports of exactly this map; both validate arguments on arrival with these schemas, and the renderer's
 * client validates results. Adding a call means adding it here and to `main/services` — nowhere else.
 */

const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });

export const DocumentInfoSchema = z.object({
  /** SHA-256 of the PDF bytes: the key of the document's review workspace. */
  docId: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  size: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
});
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>;

export const RecentDocumentSchema = DocumentInfoSchema.extend({
  path: z.string().nullable(),
  openedAt: z.string(),
  status: z.enum(['new', 'extracted', 'in_review', 'signed_off']),
  openFindings: z.number().int().nonnegative().optional(),
  /** What the document is, as extraction read it (absent until extracted): the library groups by these. */
  department: z.string().nullable().optional(),
  unitCode: z.string().nullable().optional(),
  year: z.number().int().nullable().optional(),
  kind: z.enum(['budget', 'final']).nullable().optional(),
  /** Standard tables read (not counting other / performance forms). */
  tables: z.number().int().nonnegative().optional(),
});
export type RecentDocument = z.infer<typeof RecentDocumentSchema>;

export const SignOffSchema = z.object({
  reviewer: z.string(),
  at: z.string(),
  note: z.string(),
  pdfSha256: z.string(),
  datasetSha256: z.string(),
  revision: z.number().int().positive(),
  publicKey: z.string(),
  /**
   * The journal's hash-chain head when signing (the hash of the last record before the sign-off): the signature
   * covers the audit trail — who changed what, when, and every waiver — not only the data. Absent on sign-offs
   * made before the journal was chained.
   */
  journalHead: z.string().optional(),
  signature: z.string(),
});
export type SignOff = z.infer<typeof SignOffSchema>;

export const JournalEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.string(),
  who: z.string(),
  revision: z.number().int().positive(),
  op: EditOpSchema,
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const ReviewStateSchema = z.object({
  info: DocumentInfoSchema,
  /** The document as extracted, before any edit. */
  extracted: ExtractedDocumentSchema,
  /** Every acknowledged edit in order; applying them to `extracted` gives the current dataset. */
  journal: z.array(JournalEntrySchema),
  revision: z.number().int().positive(),
  tableStatus: z.record(z.string(), TableStatusSchema),
  waivers: z.record(z.string(), z.string()),
  signOff: SignOffSchema.nullable(),
  /** Plain-words notes from loading (e.g. a torn journal tail that was dropped). */
  notices: z.array(z.string()),
  /** Sign-offs and re-openings in journal order (the edits themselves are in `journal`); seq interleaves with it. */
  audit: z
    .array(
      z.object({
        seq: z.number().int().nonnegative(),
        at: z.string(),
        who: z.string(),
        revision: z.number().int().positive(),
        kind: z.enum(['signOff', 'reopen']),
        /** The sign-off note or the reason for re-opening. */
        text: z.string(),
      }),
    )
    .optional(),
});
export type ReviewState = z.infer<typeof ReviewStateSchema>;

export const ExportFormatSchema = z.enum(['xlsx', 'csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const SettingsSchema = z.object({
  locale: z.enum(['zh-CN', 'en']),
  reviewer: z.string(),
  /** Rounding tolerance per addend in 万元 (DOMAIN.md §3: 0.005, minimum 0.01). */
  tolerancePerAddend: z.number().positive(),
  toleranceMin: z.number().positive(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  dataDir: z.string(),
  sampleAvailable: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

function call<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const calls = {
  'app.info': call(z.object({}), AppInfoSchema),
  'settings.get': call(z.object({}), SettingsSchema),
  'settings.set': call(SettingsSchema.partial(), SettingsSchema),

  /** Open by path (Electron dialogs, recent files, the bundled sample). */
  'document.openPath': call(z.object({ path: z.string().min(1) }), DocumentInfoSchema),
  /** Open bytes the renderer already holds (browser picker, drag-and-drop, upload). */
  'document.openBytes': call(z.object({ name: z.string().min(1).max(512), bytes: Bytes }), DocumentInfoSchema),
  'document.openSample': call(z.object({}), DocumentInfoSchema),
  /** The PDF itself, for the viewer. */
  'document.bytes': call(z.object({ docId: z.string() }), Bytes),
  'document.recent': call(z.object({}), z.array(RecentDocumentSchema)),

  /** Extracts (or returns the cached extraction); progress and tables stream as events meanwhile. */
  'extraction.run': call(z.object({ docId: z.string(), force: z.boolean().optional() }), ExtractedDocumentSchema),
  /** Extract one table from a region the reviewer drew, or re-extract a region as ruled / unruled. */
  'extraction.region': call(
    z.object({
      docId: z.string(),
      page: z.number().int().positive(),
      bbox: BBoxSchema,
      mode: z.enum(['auto', 'lattice', 'stream']),
    }),
    TableSchema,
  ),

  'review.load': call(z.object({ docId: z.string() }), ReviewStateSchema),
  /** Appends one operation to the journal (fsynced before it answers). */
  'review.apply': call(
    z.object({ docId: z.string(), op: EditOpSchema, revision: z.number().int().positive() }),
    z.object({ seq: z.number().int().nonnegative() }),
  ),
  'review.signOff': call(z.object({ docId: z.string(), reviewer: z.string().min(1), note: z.string() }), SignOffSchema),
  /** Starts a new revision of a signed-off document. */
  'review.reopen': call(z.object({ docId: z.string(), reason: z.string().min(1) }), ReviewStateSchema),

  'validation.findings': call(z.object({ docId: z.string() }), z.array(FindingSchema)),

  /** Builds an export; the renderer saves it (download in the browser, save dialog in Electron). */
  'export.build': call(
    z.object({ docId: z.string(), format: ExportFormatSchema }),
    z.object({ name: z.string(), mime: z.string(), bytes: Bytes }),
  ),
  /** Electron only: asks where to save, then writes. Returns the path or null when cancelled. */
  'export.save': call(z.object({ docId: z.string(), format: ExportFormatSchema }), z.string().nullable()),
  /** Electron only: shows the open dialog and opens the chosen PDF; null when cancelled. */
  'document.pick': call(z.object({}), DocumentInfoSchema.nullable()),
} as const;

export const events = {
  'extraction.progress': z.object({
    docId: z.string(),
    stage: z.enum(['reading', 'detecting', 'assembling', 'validating', 'done', 'failed']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    message: z.string().optional(),
  }),
  'extraction.table': z.object({ docId: z.string(), table: TableSchema }),
  /** A document was opened from outside the renderer (the Electron menu, a file given on the command line). */
  'document.opened': DocumentInfoSchema,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type CallResult<K extends CallName> = z.output<Calls[K]['result']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

/** The object the renderer talks to, whichever transport carries it. */
export interface Api {
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** The implementation side: one handler per call. `emit` sends events to the caller's window / browser. */
export type Handlers = {
  [K in CallName]: (args: z.output<Calls[K]['args']>, ctx: CallContext) => Promise<CallResult<K>>;
};
export interface CallContext {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
}

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** An error that crosses the transport as a plain, user-facing message with a stable code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const ApiErrorSchema = z.object({ code: z.string(), message: z.string() });
