import { writeFile } from 'node:fs/promises';
import type { ExtractedDocument } from '../../shared/model';
import { compareDocuments, type CompareResult } from '../../shared/compare';
import { oneOf, parseArgs, UsageError } from './args';
import { readInputFile, writeStdout } from './io';

const USAGE = 'usage: budget-review compare A.pdf B.pdf [--format text|json] [--out FILE] [--all]';

export interface CompareDeps {
  extract(bytes: Uint8Array, file: string): Promise<ExtractedDocument>;
}

const RULE_ZH: Record<string, string> = {
  F1: '决算年初预算数 ↔ 预算文件',
  Y1: '上年数 ↔ 上年文件',
  Y2: '比上年增减 ↔ 上年文件',
};

const wan = (c: number | null) => (c === null ? '—' : (c / 100).toFixed(2));
const at = (p: number | null) => (p ? `p.${p}` : '');

function side(r: CompareResult['a']): string {
  return `${r.file} — ${r.department ?? '部门未识别'} ${r.year ?? '?'}年${r.kind === 'final' ? '决算' : r.kind === 'budget' ? '预算' : ''}`;
}

/** The findings, then per check how many figures agreed; with `all`, every comparison with both pages. */
export function toText(r: CompareResult, all = false): string {
  const lines = [`A ${side(r.a)}`, `B ${side(r.b)}`];
  lines.push(
    `relation: ${r.relation}; department: ${r.department.same ? 'same' : 'different'} (by ${r.department.basis})${r.swapped ? '; arguments put in order' : ''}`,
    '',
  );
  for (const f of r.findings) {
    lines.push(`[${f.severity}] ${f.rule} ${f.message.zh}`, `      ${f.message.en}`);
    const pa = f.pages.a.map((p) => `p.${p}`).join(',');
    const pb = f.pages.b.map((p) => `p.${p}`).join(',');
    if (pa || pb) lines.push(`      @ A ${pa || '—'}  B ${pb || '—'}`);
  }
  if (r.findings.length === 0) lines.push('未发现差异 / no differences');
  lines.push('');
  for (const t of r.tallies)
    lines.push(
      `${t.rule} ${RULE_ZH[t.rule] ?? ''}: ${t.agreed}/${t.compared} agree${t.unmatched ? `, ${t.unmatched} with nothing to compare in A` : ''}`,
    );
  if (all) {
    lines.push('');
    for (const c of r.comparisons)
      lines.push(
        `  ${c.rule} ${c.agreed ? 'ok ' : c.aCents === null ? '-- ' : 'XX '} ${c.label}: B ${wan(c.bCents)} ${at(c.b.page)} · A ${wan(c.aCents)} ${at(c.a.page)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], injected?: Partial<CompareDeps>): Promise<number> {
  let files: string[];
  let format: 'text' | 'json';
  let out: string | undefined;
  let all: boolean;
  try {
    const args = parseArgs(argv, { values: ['format', 'out'], flags: ['all', 'help'] });
    if (args.options.help) {
      await writeStdout(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length !== 2) throw new UsageError('give two PDF files');
    files = args.positional;
    format = oneOf(args.options.format, ['text', 'json'] as const, 'text', 'format');
    out = typeof args.options.out === 'string' ? args.options.out : undefined;
    all = args.options.all === true;
  } catch (err) {
    process.stderr.write(`budget-review compare: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const extract =
    injected?.extract ??
    (async (bytes: Uint8Array, file: string) => (await import('../extraction/index')).extractDocument(bytes, { file }));
  const docs: ExtractedDocument[] = [];
  for (const f of files) {
    const bytes = await readInputFile('compare', f);
    if (!bytes) return 1;
    docs.push(await extract(bytes, f));
  }
  const result = compareDocuments(docs[0]!, docs[1]!);
  const text = format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : toText(result, all);
  if (out) await writeFile(out, text);
  else await writeStdout(text);
  return 0;
}
