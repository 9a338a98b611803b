import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { DATASET_COLUMNS, type DatasetRow } from './rows';

/**
 * Dataset files written as documents finish, so a shard of thousands of PDFs never holds all its rows at once:
 * CSV streams line by line, XLSX through exceljs' streaming writer, Parquet one row group per batch of documents.
 */
export interface DatasetWriter {
  add(rows: DatasetRow[]): Promise<void>;
  close(): Promise<void>;
}

export const FORMATS = ['csv', 'xlsx', 'parquet'] as const;
export type DatasetFormat = (typeof FORMATS)[number];

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

async function write(stream: WriteStream, s: string): Promise<void> {
  if (!stream.write(s)) await once(stream, 'drain');
}

async function end(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/** UTF-8 with a byte-order mark (Excel opens Chinese text as mojibake otherwise), CRLF, as `export --format csv`. */
function csvWriter(file: string): DatasetWriter {
  const stream = createWriteStream(file);
  let started = false;
  return {
    async add(rows) {
      if (!started) {
        started = true;
        await write(stream, `\uFEFF${DATASET_COLUMNS.map((c) => c.name).join(',')}\r\n`);
      }
      let chunk = '';
      for (const r of rows) chunk += `${DATASET_COLUMNS.map((c) => csvField(r[c.name])).join(',')}\r\n`;
      if (chunk) await write(stream, chunk);
    },
    async close() {
      if (!started) await write(stream, `\uFEFF${DATASET_COLUMNS.map((c) => c.name).join(',')}\r\n`);
      await end(stream);
    },
  };
}

async function xlsxWriter(file: string): Promise<DatasetWriter> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('dataset', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = DATASET_COLUMNS.map((c) => ({ header: c.name, key: c.name, width: c.type === 'STRING' ? 18 : 12 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return {
    async add(rows) {
      for (const r of rows) ws.addRow(DATASET_COLUMNS.map((c) => r[c.name])).commit();
    },
    async close() {
      ws.commit();
      await wb.commit();
    },
  };
}

/** Rows per Parquet row group: a few hundred documents' worth, so readers can skip and writers stay bounded. */
const ROW_GROUP = 100_000;

async function parquetWriter(file: string): Promise<DatasetWriter> {
  const { ParquetWriter, fileWriter, schemaFromColumnData } = await import('hyparquet-writer');
  const empty = DATASET_COLUMNS.map((c) => ({ name: c.name, data: [] as unknown[], type: c.type, nullable: true }));
  const schema = schemaFromColumnData({ columnData: empty });
  const writer = new ParquetWriter({
    writer: fileWriter(file),
    schema,
    kvMetadata: [{ key: 'created_by_app', value: 'budget-review dataset' }],
  });
  let pending: DatasetRow[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const columnData = DATASET_COLUMNS.map((c) => ({
      name: c.name,
      data: pending.map((r) => r[c.name] ?? null),
      type: c.type,
      nullable: true,
    }));
    pending = [];
    await writer.write({ columnData, rowGroupSize: ROW_GROUP });
  };
  return {
    async add(rows) {
      for (const r of rows) pending.push(r);
      if (pending.length >= ROW_GROUP) await flush();
    },
    async close() {
      await flush();
      await writer.finish();
    },
  };
}

export async function openWriter(format: DatasetFormat, file: string): Promise<DatasetWriter> {
  if (format === 'csv') return csvWriter(file);
  if (format === 'xlsx') return xlsxWriter(file);
  return parquetWriter(file);
}
