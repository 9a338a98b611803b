import type { DocumentInfo, ExportFormat, SignOff } from '../../shared/api';
import type { ExtractedDocument, Finding, ReviewOverlay } from '../../shared/model';
import type { JournalRecord } from '../review/journal';

/** Everything an export is built from (WorkspaceStore.exportInput returns exactly this). */
export interface ExportInput {
  info: DocumentInfo;
  /** The document as extracted, before any edit. */
  extracted: ExtractedDocument;
  /** The current document: extraction with every journaled edit applied. */
  document: ExtractedDocument;
  overlay: ReviewOverlay;
  /** Findings on the current document. */
  findings: Finding[];
  /** The audit trail: every edit, sign-off and re-opening. */
  journal: JournalRecord[];
  revision: number;
  signOff: SignOff | null;
  publicKey: string | null;
  exportedAt?: Date;
}

export interface ExportFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export type { ExportFormat };
