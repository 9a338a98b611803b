import { mkdtempSync, readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import ExcelJS from 'exceljs';
import type { ExtractedDocument } from '../../shared/model';
import { docOf, tbl } from '../../shared/validation/testing/fixtures';
import { parseShard, run, shardOf, type DatasetDeps } from './dataset';

const REAL = path.join(__dirname, '..', '..', 'test-fixtures', 'real');

function fakeDoc(file: string): ExtractedDocument {
  const year = Number(/(\d{4})/u.exec(file)?.[1] ?? 2024);
  const d = docOf([
    tbl(
      't1',
      '收支预算总表',
      [['收入项目', '预算数', '支出项目', '预算数']],
      [
        ['一般公共预算拨款收入', '100.00', '一般公共服务支出', '100.00'],
        ['收入总计', '100.00', '支出总计', '100.00'],
      ],
      { type: 'income_expense_summary' },
    ),
  ]);
  return { ...d, source: { ...d.source, file }, meta: { ...d.meta, department: '测试局', year } };
}

/** A folder of empty files standing for PDFs; the injected extractor decides what each "contains". */
function folder(names: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'br-dataset-'));
  for (const n of names) {
    mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
    writeFileSync(path.join(dir, n), '');
  }
  return dir;
}

function deps(fail: (file: string) => string | null, log: string[] = []): Partial<DatasetDeps> {
  return {
    extract: async (_b, file) => {
      const why = fail(file);
      if (why) throw new Error(`${why}\nstack line that must not reach the summary`);
      if (file.includes('text')) return { ...fakeDoc(file), tables: [] };
      return fakeDoc(file);
    },
    stderr: { write: (s: string) => log.push(s), isTTY: false },
  };
}

/** RFC 4180 as written: quoted fields may hold commas ("17,996.68") and doubled quotes. */
function csvRows(file: string): string[][] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/u, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('dataset: shards', () => {
  it('i/n takes the sorted files whose index ≡ i (mod n); the shards partition the list', () => {
    const files = Array.from({ length: 10 }, (_, i) => `f${i}.pdf`);
    const shards = [0, 1, 2].map((i) => shardOf(files, parseShard(`${i}/3`)));
    expect(shards[1]).toEqual(['f1.pdf', 'f4.pdf', 'f7.pdf']);
    expect(shards.flat().sort()).toEqual(files);
    expect(() => parseShard('3/3')).toThrow(/0 ≤ i < n/u);
    expect(() => parseShard('1/0')).toThrow();
    expect(() => parseShard('a')).toThrow();
  });

  it('each shard writes only its own files, in sorted order', async () => {
    const dir = folder(['b/2019.pdf', 'a/2017.pdf', 'a/2018.pdf', 'c.PDF', 'notes.txt']);
    const out = path.join(dir, 'shard1.csv');
    expect(
      await run(
        [dir, '--format', 'csv', '--out', out, '--shard', '1/2'],
        deps(() => null),
      ),
    ).toBe(0);
    const files = [
      ...new Set(
        csvRows(out)
          .slice(1)
          .map((r) => r[1]),
      ),
    ];
    // sorted: a/2017.pdf, a/2018.pdf, b/2019.pdf, c.PDF → shard 1/2 holds a/2018.pdf and c.PDF.
    expect(files).toEqual(['a/2018.pdf', 'c.PDF']);
  });
});

describe('dataset: failures', () => {
  it('lists what failed with a one-line reason and exits 0 while some files succeed', async () => {
    const dir = folder(['ok-2017.pdf', 'broken-2018.pdf', 'volume-text-2018.pdf']);
    const log: string[] = [];
    const out = path.join(dir, 'o.csv');
    const rc = await run(
      [dir, '--format', 'csv', '--out', out, '--jobs', '2'],
      deps((f) => (f.startsWith('broken') ? 'Invalid PDF structure' : null), log),
    );
    expect(rc).toBe(0);
    const text = log.join('');
    expect(text).toMatch(/3 PDF\(s\): 1 with tables, 1 without, 1 failed; 4 rows/u);
    expect(text).toContain('  broken-2018.pdf: Invalid PDF structure\n');
    expect(text).not.toContain('stack line');
    expect(text).toContain('volume-text-2018.pdf');
    // Not a TTY: no progress bar.
    expect(text).not.toContain('\r');
    expect(
      await run(
        [dir, '--format', 'csv', '--out', out, '--strict'],
        deps((f) => (f.startsWith('broken') ? 'x' : null)),
      ),
    ).toBe(1);
  });

  it('exits 1 when every file failed, and 2 on bad arguments', async () => {
    const dir = folder(['a.pdf', 'b.pdf']);
    const out = path.join(dir, 'o.csv');
    expect(
      await run(
        [dir, '--format', 'csv', '--out', out],
        deps(() => 'unreadable'),
      ),
    ).toBe(1);
    expect(
      await run(
        [dir, '--format', 'tsv', '--out', out],
        deps(() => null),
      ),
    ).toBe(2);
    expect(
      await run(
        [dir, '--format', 'csv'],
        deps(() => null),
      ),
    ).toBe(2);
    expect(
      await run(
        [dir, '--out', out, '--jobs', '0'],
        deps(() => null),
      ),
    ).toBe(2);
  });

  it('shows a progress bar on a terminal', async () => {
    const dir = folder(['a.pdf']);
    const log: string[] = [];
    const d = deps(() => null, log);
    d.stderr = { write: (s: string) => log.push(s), isTTY: true, columns: 80 };
    await run([dir, '--format', 'csv', '--out', path.join(dir, 'o.csv')], d);
    expect(log.join('')).toMatch(/\r\x1b\[2K\[#+\] 1\/1 a\.pdf/u);
  });
});

describe('dataset: formats', () => {
  it('parquet reads back with an independent reader, with types and values', async () => {
    const dir = folder(['x-2017.pdf', 'y-2018.pdf']);
    const out = path.join(dir, 'o.parquet');
    expect(
      await run(
        [dir, '--format', 'parquet', '--out', out],
        deps(() => null),
      ),
    ).toBe(0);
    const buf = readFileSync(out);
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(8);
    const types = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s.type]));
    expect(types).toMatchObject({ year: 'INT32', value_wan: 'DOUBLE', source_file: 'BYTE_ARRAY', findings: 'INT32' });
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows.map((r) => r.source_file)).toEqual([...Array(4).fill('x-2017.pdf'), ...Array(4).fill('y-2018.pdf')]);
    expect(rows[0]).toMatchObject({
      department: '测试局',
      year: 2017,
      table_type: 'income_expense_summary',
      unit: '万元',
    });
    expect(rows.find((r) => r.subject_name === '收入总计')).toMatchObject({ value: 100, value_wan: 100 });
    expect(rows[0]!.unit_code).toBeNull();
  });

  it('xlsx holds the same rows on one sheet', async () => {
    const dir = folder(['x-2017.pdf']);
    const out = path.join(dir, 'o.xlsx');
    expect(
      await run(
        [dir, '--format', 'xlsx', '--out', out],
        deps(() => null),
      ),
    ).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('dataset')!;
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(1).getCell(1).value).toBe('doc_id');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const row = (ws.getRow(3).values as unknown[]).slice(1);
    expect(row[header.indexOf('value_wan')]).toBe(100);
  });
});

describe('dataset of the Jiangsu documents', () => {
  it('holds every (department, year) with the 收支总表 totals printed on the pages', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'br-js-'));
    const names = readFileSync(path.join(REAL, 'SOURCES.tsv'), 'utf8')
      .split('\n')
      .map((l) => l.split('\t')[0]!)
      .filter((n) => n.startsWith('js-'));
    for (const n of names) symlinkSync(path.join(REAL, n), path.join(dir, n));
    const out = path.join(dir, 'js.csv');
    const log: string[] = [];
    const rc = await run([dir, '--format', 'csv', '--out', out], { stderr: { write: (s: string) => log.push(s) } });
    expect(rc, log.join('')).toBe(0);
    const [head, ...rows] = csvRows(out);
    const ix = (k: string) => head!.indexOf(k);
    const years = new Set(rows.map((r) => `${r[ix('department_key')]}|${r[ix('year')]}|${r[ix('kind')]}`));
    expect([...years].sort()).toEqual([
      '江苏省人大常委会办公厅|2017|budget',
      '江苏省人大常委会办公厅|2018|budget',
      '江苏省人大常委会办公厅|2019|budget',
      '江苏省人民检察院|2017|budget',
      '江苏省委办公厅|2017|budget',
      '江苏省委办公厅|2018|budget',
      '江苏省委办公厅|2019|budget',
    ]);
    // 收入合计 of each 收支预算总表, read off the pages (pdftoppm -r 110): file, page, figure.
    const printed: [string, number, string][] = [
      ['js-jianchayuan-2017-budget.pdf', 10, '17996.68'],
      ['js-rendaban-2017-budget.pdf', 9, '13649.07'],
      ['js-rendaban-2018-budget.pdf', 8, '15897.44'],
      ['js-rendaban-2019-budget-tables.pdf', 1, '18330.37'],
      ['js-weiban-2017-budget-tables.pdf', 1, '20849.45'],
      ['js-weiban-2018-budget-tables.pdf', 3, '24458.43'],
      ['js-weiban-2019-budget-tables.pdf', 1, '27664.22'],
    ];
    for (const [file, page, total] of printed) {
      const totals = rows.filter(
        (r) =>
          r[ix('source_file')] === file &&
          r[ix('table_type')] === 'income_expense_summary' &&
          r[ix('row_kind')] === 'total',
      );
      expect(
        totals.map((r) => [r[ix('value_wan')], r[ix('source_page')], r[ix('unit')]]),
        file,
      ).toEqual([
        [total, String(page), '万元'],
        [total, String(page), '万元'],
      ]);
    }
    // The text volumes hold no tables: listed, not failed.
    expect(log.join('')).toMatch(/11 PDF\(s\): 7 with tables, 4 without, 0 failed/u);
  }, 120_000);
});
