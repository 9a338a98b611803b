import { z } from 'zod';
import { DocumentInfoSchema, SignOffSchema } from '../../shared/api';
import { ExtractedDocumentSchema, FindingSchema, TableStatusSchema } from '../../shared/model';
import { canonicalDataset } from '../review/canonical';
import { JournalRecordSchema } from '../review/journal';
import type { ExportInput } from './types';

export const EXPORT_FORMAT_ID = 'budget-review-workstation/export';

/**
 * The full JSON export. `current` is the reviewed dataset (every cell with its page, box and confidence as
 * provenance); `extraction` + `journal` let anyone replay how it came about; `signedDataset` is the exact canonical
 * text whose SHA-256 the sign-off signs, so a verifier can name the cell that changed after signing.
 */
export const JsonExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT_ID),
  version: z.literal(1),
  exportedAt: z.string(),
  document: DocumentInfoSchema,
  revision: z.number().int().positive(),
  current: ExtractedDocumentSchema,
  extraction: ExtractedDocumentSchema,
  journal: z.array(JournalRecordSchema),
  overlay: z.object({
    tableStatus: z.record(z.string(), TableStatusSchema),
    waivers: z.record(z.string(), z.string()),
  }),
  findings: z.array(FindingSchema),
  signOff: SignOffSchema.nullable(),
  publicKey: z.string().nullable(),
  signedDataset: z.string().nullable(),
});
export type JsonExport = z.infer<typeof JsonExportSchema>;

export function buildJsonExport(input: ExportInput): JsonExport {
  return {
    format: EXPORT_FORMAT_ID,
    version: 1,
    exportedAt: (input.exportedAt ?? new Date()).toISOString(),
    document: input.info,
    revision: input.revision,
    current: { ...input.document, findings: input.findings },
    extraction: input.extracted,
    journal: input.journal,
    overlay: input.overlay,
    findings: input.findings,
    signOff: input.signOff,
    publicKey: input.signOff?.publicKey ?? input.publicKey,
    signedDataset: input.signOff ? canonicalDataset(input.document) : null,
  };
}

export function jsonExportBytes(input: ExportInput): Uint8Array {
  return new Uint8Array(Buffer.from(`${JSON.stringify(buildJsonExport(input), null, 1)}\n`, 'utf8'));
}
