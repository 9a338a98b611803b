import { createHash } from 'node:crypto';
import type { ExtractedDocument } from '../../shared/model';

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members left out, numbers as
 * JSON.stringify prints them. Two equal datasets always give the same bytes, so the hash is the dataset's identity.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot canonicalise ${value}`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a sign-off vouches for: the tables and the document facts, not findings or layout notes. */
export interface Dataset {
  meta: ExtractedDocument['meta'];
  tables: ExtractedDocument['tables'];
}

export function datasetOf(doc: ExtractedDocument): Dataset {
  return { meta: doc.meta, tables: doc.tables };
}

export function canonicalDataset(doc: ExtractedDocument): string {
  return canonicalJson(datasetOf(doc));
}

export function datasetSha256(doc: ExtractedDocument): string {
  return sha256Hex(canonicalDataset(doc));
}
