import ExcelJS from 'exceljs';
import { SignOffSchema, type SignOff } from '../../shared/api';
import { replayJournal, type ExtractedDocument, type SkippedRecord } from '../../shared/model';
import { canonicalDataset, datasetOf, sha256Hex, type Dataset } from '../review/canonical';
import { keyFingerprint } from '../review/keys';
import { signOffSignatureValid } from '../review/signoff';
import { checkChain, type JournalRecord } from '../review/journal';
import type { Table } from '../../shared/model';
import { columnName, rowName, tableName } from './describe';
import { diffDatasets, type Difference } from './diff';
import { EXPORT_FORMAT_ID, JsonExportSchema } from './json';
import { amountColumns, tidyFacts, type TidyFact } from './tidy';
import { printedValue, SIGNATURE_SHEET, tableBodyRow, tableSheetNames } from './xlsx';

export interface VerifyCheck {
  check: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  valid: boolean;
  format: 'json' | 'xlsx' | 'csv' | 'unknown';
  signOff: { reviewer: string; at: string; revision: number; note: string; keyFingerprint: string } | null;
  checks: VerifyCheck[];
  /** Every place the data differs from what was signed, naming table, row, column and field. */
  differences: Difference[];
}

export interface VerifyOptions {
  /**
   * Base64 SPKI public keys a signature may come from: the workstation's own key (from its data dir) and keys the
   * user named. A valid signature by any other key is "signed by an unknown key" and fails: anyone can change the
   * data and sign it again with a fresh key, and the file carries that key with it.
   */
  trustedKeys?: string[];
}

function finish(
  format: VerifyResult['format'],
  signOff: SignOff | null,
  checks: VerifyCheck[],
  differences: Difference[],
): VerifyResult {
  return {
    valid: checks.length > 0 && checks.every((c) => c.ok),
    format,
    signOff: signOff
      ? {
          reviewer: signOff.reviewer,
          at: signOff.at,
          revision: signOff.revision,
          note: signOff.note,
          keyFingerprint: keyFingerprint(signOff.publicKey),
        }
      : null,
    checks,
    differences,
  };
}

function sniff(bytes: Uint8Array): VerifyResult['format'] {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return 'json';
  if (head.startsWith('doc_id,')) return 'csv';
  return 'unknown';
}

/** Checks an export's sign-off signature and hashes, and says exactly what differs from what was signed. */
export async function verifyExport(bytes: Uint8Array, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const format = sniff(bytes);
  if (format === 'json') return verifyJson(bytes, opts);
  if (format === 'xlsx') return verifyXlsx(bytes, opts);
  const detail =
    format === 'csv'
      ? 'A CSV export carries no signature. Verify the JSON or XLSX export of the same review.'
      : 'This is not an export of Budget Review Workstation (JSON, XLSX or CSV).';
  return finish(format, null, [{ check: 'format', ok: false, detail }], []);
}

function signatureChecks(signOff: SignOff, opts: VerifyOptions, embeddedKey: string | null): VerifyCheck[] {
  const checks: VerifyCheck[] = [];
  const sigOk = signOffSignatureValid(signOff);
  checks.push({
    check: 'signature',
    ok: sigOk,
    detail: sigOk
      ? `Ed25519 signature by key ${keyFingerprint(signOff.publicKey)} is valid (reviewer ${signOff.reviewer}, ${signOff.at}, revision ${signOff.revision}).`
      : 'The Ed25519 signature does not match the sign-off record (reviewer, time, note, hashes or revision were changed, or the signature was).',
  });
  if (embeddedKey !== null && embeddedKey !== signOff.publicKey) {
    checks.push({
      check: 'public key',
      ok: false,
      detail: 'The exported public key is not the key named in the sign-off.',
    });
  }
  const trusted = [...new Set((opts.trustedKeys ?? []).map((k) => k.replace(/\s+/g, '')).filter(Boolean))];
  const known = trusted.includes(signOff.publicKey.replace(/\s+/g, ''));
  checks.push({
    check: 'trusted key',
    ok: known,
    detail: known
      ? `Signed with the trusted key ${keyFingerprint(signOff.publicKey)}.`
      : `The export is signed by an unknown key ${keyFingerprint(signOff.publicKey)}: it is not ` +
        (trusted.length
          ? `among the ${trusted.length} trusted key(s) (${trusted.map(keyFingerprint).join(', ')}). `
          : 'a trusted key (none was available: no workstation key in the data dir and no --trust KEYFILE). ') +
        'Anyone can change the data and sign it again with a key of their own; trust it only with --trust KEYFILE ' +
        'after checking that key with its owner.',
  });
  return checks;
}

function signedCopyCheck(signOff: SignOff, text: string | null): { check: VerifyCheck; dataset: Dataset | null } {
  if (text === null)
    return {
      check: { check: 'signed copy', ok: false, detail: 'The export does not carry the signed dataset.' },
      dataset: null,
    };
  const ok = sha256Hex(text) === signOff.datasetSha256;
  let dataset: Dataset | null = null;
  if (ok) {
    try {
      dataset = JSON.parse(text) as Dataset;
    } catch {
      dataset = null;
    }
  }
  return {
    check: {
      check: 'signed copy',
      ok,
      detail: ok
        ? 'The embedded copy of the signed dataset matches the signed hash.'
        : 'The embedded copy of the signed dataset was altered (its hash differs from the signed one).',
    },
    dataset,
  };
}

/**
 * The workstation's own replay (shared/model/replay): a record it skipped when loading the review is skipped here
 * too, so an export of such a review passes its own verification; the skipped records are named.
 */
function replay(
  extraction: ExtractedDocument,
  records: JournalRecord[],
  until?: (r: JournalRecord) => boolean,
): { doc: ExtractedDocument; skipped: SkippedRecord[] } | null {
  try {
    const r = replayJournal(extraction, records, until ? { until: (x) => until(x as JournalRecord) } : {});
    return { doc: r.doc, skipped: r.skipped };
  } catch {
    return null;
  }
}

/** The hash chain up to the sign-off against the head the sign-off signs: the audit trail is what was signed. */
function auditTrailCheck(docId: string, signOff: SignOff, journal: JournalRecord[]): VerifyCheck {
  if (signOff.journalHead === undefined) {
    return {
      check: 'audit trail',
      ok: true,
      detail:
        'The sign-off predates the hash-chained journal: the data is signed, but the audit trail (who, when, waivers) is not covered by the signature.',
    };
  }
  const at = journal.findIndex((r) => r.kind === 'signOff' && r.signOff.signature === signOff.signature);
  if (at < 0)
    return {
      check: 'audit trail',
      ok: false,
      detail: 'The journal does not contain the sign-off it was exported with.',
    };
  const before = journal.slice(0, at);
  const chain = checkChain(docId, before);
  const after = checkChain(docId, journal);
  const brokenAfter = after.breaks.filter((b) => b.index > at);
  if (chain.head !== signOff.journalHead || chain.breaks.length > 0) {
    const where = chain.breaks[0] ? ` (record #${chain.breaks[0].seq} does not follow from the one before it)` : '';
    return {
      check: 'audit trail',
      ok: false,
      detail: `The audit trail was changed after signing: the ${before.length} record(s) before the sign-off are not the ones signed${where}.`,
    };
  }
  if (brokenAfter.length > 0 || journal[at]!.prev !== signOff.journalHead) {
    return {
      check: 'audit trail',
      ok: false,
      detail: `The journal after the sign-off was changed (record #${brokenAfter[0]?.seq ?? journal[at]!.seq} does not follow from the one before it).`,
    };
  }
  const old =
    chain.coveredFrom > 0 ? ` (${chain.coveredFrom} earlier record(s) predate the hash chain and are not covered)` : '';
  return {
    check: 'audit trail',
    ok: true,
    detail: `The ${before.length} record(s) before the sign-off — who changed what and when, and every waiver — are exactly the ones signed${old}.`,
  };
}

async function verifyJson(bytes: Uint8Array, opts: VerifyOptions): Promise<VerifyResult> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(
      Buffer.from(bytes)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ) as Record<string, unknown>;
  } catch (err) {
    return finish(
      'json',
      null,
      [{ check: 'format', ok: false, detail: `The file is not valid JSON: ${(err as Error).message}` }],
      [],
    );
  }
  const shape = JsonExportSchema.safeParse(raw);
  if (raw?.format !== EXPORT_FORMAT_ID || !shape.success) {
    const why =
      raw?.format !== EXPORT_FORMAT_ID
        ? 'it is not a Budget Review Workstation export'
        : shape
            .error!.issues.slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ');
    return finish('json', null, [{ check: 'format', ok: false, detail: `The file cannot be checked: ${why}.` }], []);
  }
  // Hashes are computed over the file's own objects, not the schema-parsed copies (parsing drops unknown members).
  const current = raw.current as ExtractedDocument;
  const extraction = raw.extraction as ExtractedDocument;
  const journal = shape.data.journal as JournalRecord[];
  const signOff = shape.data.signOff;
  if (!signOff) {
    return finish(
      'json',
      null,
      [
        {
          check: 'signed',
          ok: false,
          detail: 'The export carries no sign-off: it was exported before the review was signed off.',
        },
      ],
      [],
    );
  }
  const checks = signatureChecks(signOff, opts, shape.data.publicKey);
  const pdfOk = signOff.pdfSha256 === shape.data.document.docId && signOff.pdfSha256 === current.source.sha256;
  checks.push({
    check: 'pdf hash',
    ok: pdfOk,
    detail: pdfOk
      ? `The sign-off names this PDF (SHA-256 ${signOff.pdfSha256.slice(0, 16)}…).`
      : 'The sign-off names a different PDF than the exported data.',
  });
  const copy = signedCopyCheck(signOff, shape.data.signedDataset);
  checks.push(copy.check);

  const differences: Difference[] = [];
  const foundHash = sha256Hex(canonicalDataset(current));
  const dataOk = foundHash === signOff.datasetSha256;
  let reference = copy.dataset;
  if (!reference) {
    // Without a trustworthy embedded copy, the signed state can still be rebuilt from the extraction and the journal.
    const signedAt = replay(
      extraction,
      journal,
      (r) => r.kind === 'signOff' && r.signOff.signature === signOff.signature,
    )?.doc;
    if (signedAt && sha256Hex(canonicalDataset(signedAt)) === signOff.datasetSha256) reference = datasetOf(signedAt);
  }
  if (!dataOk && reference) differences.push(...diffDatasets(reference, datasetOf(current)));
  checks.push({
    check: 'dataset hash',
    ok: dataOk,
    detail: dataOk
      ? `The data matches the signed dataset (SHA-256 ${signOff.datasetSha256.slice(0, 16)}…).`
      : reference
        ? `The data was changed after signing: ${differences.length} difference(s) from the signed dataset.`
        : 'The data was changed after signing, and no trustworthy signed copy is left to say where.',
  });
  const replayed = replay(extraction, journal);
  const historyOk = replayed !== null && sha256Hex(canonicalDataset(replayed.doc)) === foundHash;
  const skipped = replayed?.skipped ?? [];
  const skippedText = skipped.length
    ? ` ${skipped.length} record(s) that did not fit were skipped, as the workstation skipped them (${skipped
        .slice(0, 5)
        .map((k) => `#${k.seq} ${k.op}`)
        .join(', ')}${skipped.length > 5 ? ', …' : ''}).`
    : '';
  checks.push({
    check: 'edit history',
    ok: historyOk,
    detail: historyOk
      ? `Replaying the ${journal.filter((r) => r.kind === 'op').length} recorded change(s) on the extraction gives exactly the exported data.${skippedText}`
      : 'Replaying the recorded changes on the extraction does not give the exported data (the history or the extraction was altered).',
  });
  if (!historyOk && replayed && dataOk) differences.push(...diffDatasets(datasetOf(replayed.doc), datasetOf(current)));
  // The chain is checked over the file's own records, like the hashes above (the schema-parsed copy drops members).
  checks.push(auditTrailCheck(shape.data.document.docId, signOff, raw.journal as JournalRecord[]));
  return finish('json', signOff, checks, differences);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v);
}

async function verifyXlsx(bytes: Uint8Array, opts: VerifyOptions): Promise<VerifyResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    return finish(
      'xlsx',
      null,
      [{ check: 'format', ok: false, detail: `The workbook cannot be read: ${(err as Error).message}` }],
      [],
    );
  }
  const sig = wb.getWorksheet(SIGNATURE_SHEET);
  if (!sig)
    return finish(
      'xlsx',
      null,
      [
        {
          check: 'signed',
          ok: false,
          detail: 'The workbook carries no sign-off: it was exported before the review was signed off.',
        },
      ],
      [],
    );
  const parts: string[] = [];
  sig.eachRow((row) => parts.push(cellText(row.getCell(1).value)));
  const parsed = SignOffSchema.safeParse(
    (() => {
      try {
        return JSON.parse(parts[0] ?? '');
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success)
    return finish(
      'xlsx',
      null,
      [{ check: 'signed', ok: false, detail: 'The sign-off record in the workbook is unreadable.' }],
      [],
    );
  const signOff = parsed.data;
  const checks = signatureChecks(signOff, opts, null);
  const copy = signedCopyCheck(signOff, parts.slice(1).join(''));
  checks.push(copy.check);
  const data = wb.getWorksheet('data');
  if (!copy.dataset || !data) {
    if (!data) checks.push({ check: 'data sheet', ok: false, detail: 'The workbook has no data sheet.' });
    return finish('xlsx', signOff, checks, []);
  }
  const signedDoc: ExtractedDocument = {
    source: { file: '', sha256: signOff.pdfSha256, pages: 0 },
    meta: copy.dataset.meta,
    tables: copy.dataset.tables,
    findings: [],
  };
  const differences = diffDataSheet(data, signedDoc);
  checks.push({
    check: 'data sheet',
    ok: differences.length === 0,
    detail:
      differences.length === 0
        ? 'Every value in the data sheet matches the signed dataset.'
        : `The data sheet was changed after signing: ${differences.length} difference(s) from the signed dataset.`,
  });
  const printed = diffTableSheets(wb, signedDoc.tables);
  checks.push({
    check: 'table sheets',
    ok: printed.length === 0,
    detail:
      printed.length === 0
        ? `Every cell of the ${signedDoc.tables.length} table sheet(s) matches the signed dataset.`
        : `The table sheets were changed after signing: ${printed.length} difference(s) from the signed dataset.`,
  });
  return finish('xlsx', signOff, checks, [...differences, ...printed]);
}

const COMPARED: (keyof TidyFact)[] = ['code', 'name', 'measure', 'value_wan', 'value_raw'];

function diffDataSheet(sheet: ExcelJS.Worksheet, signed: ExtractedDocument): Difference[] {
  const expected = new Map(tidyFacts(signed).map((f) => [`${f.table_id}\u0000${f.row_order}\u0000${f.column_key}`, f]));
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const idx = (k: keyof TidyFact) => header.indexOf(k) + 1;
  const out: Difference[] = [];
  const where = (tableId: string, row: number, key: string) => {
    const t = signed.tables.find((x) => x.id === tableId);
    const col = t ? t.columns.findIndex((c) => c.key === key) : -1;
    return {
      t,
      col,
      text: `${t ? `Table ${tableName(t)}` : `Table ${tableId}`}, ${rowName(t, row - 1)}, ${t && col >= 0 ? columnName(t, col) : `column ${key}`}`,
    };
  };
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (k: keyof TidyFact) => cellText(row.getCell(idx(k)).value);
    const tableId = get('table_id');
    if (!tableId) continue;
    const order = Number(get('row_order'));
    const key = get('column_key');
    const id = `${tableId}\u0000${order}\u0000${key}`;
    const exp = expected.get(id);
    const w = where(tableId, order, key);
    if (!exp) {
      out.push({
        table: tableId,
        row: order - 1,
        col: w.col,
        field: 'fact',
        signed: undefined,
        found: get('value_raw'),
        description: `${w.text}: not in the signed dataset (sheet row ${r})`,
      });
      continue;
    }
    expected.delete(id);
    for (const k of COMPARED) {
      const signedV = exp[k] === null ? '' : String(exp[k]);
      const foundV = get(k);
      const equal =
        k === 'value_wan' ? (foundV === '' ? signedV === '' : Number(foundV) === Number(signedV)) : foundV === signedV;
      if (!equal) {
        out.push({
          table: tableId,
          row: order - 1,
          col: w.col,
          field: k,
          signed: exp[k],
          found: foundV,
          description: `${w.text}: ${k} was ${JSON.stringify(signedV)} when signed, now ${JSON.stringify(foundV)} (sheet row ${r})`,
        });
      }
    }
  }
  for (const f of expected.values()) {
    const w = where(f.table_id, f.row_order, f.column_key);
    out.push({
      table: f.table_id,
      row: f.row_order - 1,
      col: w.col,
      field: 'fact',
      signed: f.value_raw,
      found: undefined,
      description: `${w.text}: missing from the data sheet`,
    });
  }
  return out;
}

/** Compares each as-printed table sheet, cell by cell, with the signed table it was made from. */
function diffTableSheets(wb: ExcelJS.Workbook, tables: Table[]): Difference[] {
  const out: Difference[] = [];
  const names = tableSheetNames(tables);
  tables.forEach((t, ti) => {
    const ws = wb.getWorksheet(names[ti]!);
    if (!ws) {
      out.push({
        table: t.id,
        row: null,
        col: null,
        field: 'sheet',
        signed: names[ti],
        found: undefined,
        description: `Table ${tableName(t)}: its sheet "${names[ti]}" is missing`,
      });
      return;
    }
    const amounts = new Set(amountColumns(t));
    const first = tableBodyRow(t);
    const width = Math.max(t.columns.length, ...t.header.map((h) => h.length), ...t.rows.map((r) => r.cells.length), 1);
    t.rows.forEach((_, i) => {
      const sheetRow = ws.getRow(first + i);
      for (let j = 0; j < width; j++) {
        const want = printedValue(t, amounts, i, j);
        const v = sheetRow.getCell(j + 1).value;
        const got = v === null || v === undefined || v === '' ? null : typeof v === 'number' ? v : cellText(v);
        const equal =
          typeof want === 'number'
            ? typeof got === 'number'
              ? got === want
              : Number(got) === want && got !== null
            : (want ?? '') === (got === null ? '' : String(got));
        if (!equal) {
          out.push({
            table: t.id,
            row: i,
            col: j,
            field: 'printed value',
            signed: want,
            found: got,
            description: `Table ${tableName(t)}, ${rowName(t, i)}, ${columnName(t, j)}: sheet "${names[ti]}" cell ${sheetRow.getCell(j + 1).address} shows ${JSON.stringify(got)}, signed ${JSON.stringify(want)}`,
          });
        }
      }
    });
  });
  return out;
}
