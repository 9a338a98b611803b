import { describe, expect, it } from 'vitest';
import { ExtractedDocumentSchema, type ExtractedDocument } from '../../shared/model';
import { extractDocument } from './index';
import { variants } from './testing/synth-variants';

/**
 * The generality suite: standard tables in layouts the corpus lacks, written as real PDFs (testing/synth-pdf.ts) and
 * read through the whole engine, each compared with its ground truth (testing/synth-variants.ts).
 */
describe.each(variants().map((v) => [v.name, v] as const))('generality: %s', (_name, variant) => {
  let doc: ExtractedDocument;
  const read = async () => (doc ??= await extractDocument(variant.pdf, { file: 'synthetic.pdf', workers: 0 }));

  it('is one valid document holding exactly the tables printed', async () => {
    const d = await read();
    expect(ExtractedDocumentSchema.safeParse(d).success).toBe(true);
    expect(d.tables.map((t) => t.title)).toEqual(variant.tables.map((t) => t.title));
  });

  it.each(variant.tables.map((t, i) => [t.title, i] as const))('%s: type, unit, pages and header', async (_t, i) => {
    const truth = variant.tables[i]!;
    const t = (await read()).tables[i]!;
    expect({ type: t.type, moneyUnit: t.moneyUnit, pages: t.pages }).toEqual({
      type: truth.type,
      moneyUnit: truth.moneyUnit,
      pages: truth.pages,
    });
    expect(t.columns.map((c) => c.label)).toEqual(truth.columns);
    if (truth.roles) expect(t.columns.map((c) => c.role)).toEqual(truth.roles);
    if (truth.empty) expect(t.empty).toBe(true);
    if (truth.unitCode) expect(t.unitCode).toBe(truth.unitCode);
  });

  it.each(variant.tables.map((t, i) => [t.title, i] as const))('%s: every row as printed', async (_t, i) => {
    const truth = variant.tables[i]!;
    const t = (await read()).tables[i]!;
    const got = t.rows.map((r) => ({
      kind: r.kind,
      code: r.code,
      level: r.level,
      name: r.name,
      texts: r.cells.map((c) => c.text),
      values: r.cells.map((c) => c.value),
    }));
    // Text as the engine normalises it (NFKC: full-width brackets become ASCII).
    const want = truth.rows.map((r) => ({
      ...r,
      name: r.name.normalize('NFKC'),
      texts: r.texts.map((s) => s.normalize('NFKC')),
    }));
    expect(got).toEqual(want);
  });

  it.each(variant.tables.map((t, i) => [t.title, i] as const))('%s: blank is not zero', async (_t, i) => {
    const t = (await read()).tables[i]!;
    for (const r of t.rows)
      for (const c of r.cells) {
        if (c.text === '' || /^[—–-]+$/u.test(c.text)) expect(c.value).toBeNull();
        if (c.value === 0) expect(c.text).toMatch(/^0(?:\.0+)?$/u);
      }
  });
});
