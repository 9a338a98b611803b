import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './validate';

const dir = mkdtempSync(path.join(tmpdir(), 'br-validate-'));
const pdf = (name: string) => path.join(__dirname, '..', '..', 'test-fixtures', 'corpus', name);

describe('budget-review validate', () => {
  it('writes the extraction JSON with findings and fails on the real X4 discrepancy with --fail-on error', async () => {
    const out = path.join(dir, 'qz2024.json');
    expect(await run([pdf('qz2024-budget-ruled.pdf'), '--out', out, '--fail-on', 'error'])).toBe(1);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.tables.length).toBeGreaterThan(10);
    const errors = doc.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { rule: string }) => f.rule)).toEqual(['X4']);
    expect(errors[0].refs.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('prints a text report grouped by table; exit 0 without --fail-on, and with --fail-on warning when only rounding', async () => {
    const out = path.join(dir, 'cz.txt');
    expect(await run([pdf('cz2023-budget-ruled.pdf'), '--format', 'text', '--out', out])).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^cz2023-budget-ruled\.pdf: \d+ tables/u);
    expect(text).toContain('== ');
    expect(text).toContain('[rounding] R2');
    expect(text).not.toContain('[error]');
    expect(await run([pdf('cz2023-budget-ruled.pdf'), '--format', 'text', '--out', out, '--fail-on', 'warning'])).toBe(
      0,
    );
  }, 120_000);

  it('fails with --fail-on error on a scan nothing could be read from (C0), instead of reporting no problems', async () => {
    const out = path.join(dir, 'scan.txt');
    const scan = path.join(__dirname, '..', '..', 'test-fixtures', 'pdf', 'image-only.pdf');
    expect(await run([scan, '--format', 'text', '--out', out, '--fail-on', 'error'])).toBe(1);
    expect(readFileSync(out, 'utf8')).toContain('C0');
  });

  it('exit 2 with a one-line reason for unreadable input and for bad usage', async () => {
    const bad = path.join(dir, 'bad.pdf');
    writeFileSync(bad, 'not a pdf');
    expect(await run([bad])).toBe(2);
    expect(await run([path.join(dir, 'missing.pdf')])).toBe(2);
    expect(await run([bad, '--format', 'xml'])).toBe(2);
    expect(await run([])).toBe(2);
  });

  it('--coverage lists per table the rules that ran and those that could not, with why', async () => {
    const out = path.join(dir, 'coverage.txt');
    expect(await run([pdf('qz2024-budget-ruled.pdf'), '--format', 'text', '--coverage', '--out', out])).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('== 核对范围 / coverage');
    expect(text).toMatch(/\[income_expense_summary\]: ran .*R5.*X1/u);
    expect(text).toMatch(/document: ran .*N1.*C0/u);
    const json = path.join(dir, 'coverage.json');
    await run([pdf('qz2024-budget-ruled.pdf'), '--out', json]);
    const entries = JSON.parse(readFileSync(json, 'utf8')).coverage as { rule: string; status: string }[];
    expect(entries.some((e) => e.rule === 'R1' && e.status === 'ran')).toBe(true);
  }, 120_000);
});
