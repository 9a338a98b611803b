import { ApiError, type SignOff } from '../../shared/api';
import type { ExtractedDocument, Finding, ReviewOverlay } from '../../shared/model';
import { canonicalJson, datasetSha256 } from './canonical';
import { signText, verifyText, type SigningKey } from './keys';

/** `validate(doc)` from shared/validation, injected so the store does not fix which rule set runs. */
export type Validator = (doc: ExtractedDocument) => Finding[];

/** Error-level findings that stop a sign-off: open, and not waived with a written reason. */
export function blockingFindings(findings: Finding[], overlay: ReviewOverlay): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !(overlay.waivers[f.id] ?? '').trim());
}

/** Findings still asking for attention (errors and warnings not waived), for the start screen. */
export function openFindings(findings: Finding[], overlay: ReviewOverlay): Finding[] {
  return findings.filter(
    (f) => (f.severity === 'error' || f.severity === 'warning') && !(overlay.waivers[f.id] ?? '').trim(),
  );
}

/** The exact text a sign-off signature covers: every field except the signature, canonical JSON. */
export function signedPayload(s: Omit<SignOff, 'signature'>): string {
  return canonicalJson({
    reviewer: s.reviewer,
    at: s.at,
    note: s.note,
    pdfSha256: s.pdfSha256,
    datasetSha256: s.datasetSha256,
    revision: s.revision,
    publicKey: s.publicKey,
    // Left out of the canonical text when absent, so sign-offs made before the chain still verify.
    journalHead: s.journalHead,
  });
}

export interface SignOffInput {
  doc: ExtractedDocument;
  overlay: ReviewOverlay;
  findings: Finding[];
  reviewer: string;
  note: string;
  pdfSha256: string;
  revision: number;
  /** `chainHead` of the journal the sign-off is appended to. */
  journalHead: string;
  key: SigningKey;
  now?: Date;
}

export function createSignOff(input: SignOffInput): SignOff {
  const reviewer = input.reviewer.trim();
  if (!reviewer) throw new ApiError('signoff_no_reviewer', 'Sign-off needs the reviewer’s name.');
  const blocking = blockingFindings(input.findings, input.overlay);
  if (blocking.length > 0) {
    const list = blocking
      .slice(0, 5)
      .map((f) => `${f.rule}: ${f.message.en}`)
      .join('; ');
    throw new ApiError(
      'signoff_blocked',
      `Cannot sign off: ${blocking.length} error-level finding${blocking.length > 1 ? 's are' : ' is'} open ` +
        `and not waived with a reason (${list}${blocking.length > 5 ? '; …' : ''}). Correct the data or waive each with a written reason.`,
    );
  }
  const unsigned: Omit<SignOff, 'signature'> = {
    reviewer,
    at: (input.now ?? new Date()).toISOString(),
    note: input.note,
    pdfSha256: input.pdfSha256,
    datasetSha256: datasetSha256(input.doc),
    revision: input.revision,
    publicKey: input.key.publicKey,
    journalHead: input.journalHead,
  };
  return { ...unsigned, signature: signText(input.key, signedPayload(unsigned)) };
}

export function signOffSignatureValid(s: SignOff): boolean {
  return verifyText(s.publicKey, signedPayload(s), s.signature);
}
