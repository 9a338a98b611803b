import { writeFile } from 'node:fs/promises';
import { readInputFile, writeStdout } from './io';
import type { ExtractedDocument, Finding, Severity } from '../../shared/model';
import { coverageByTable, isRuleId, RULES, validateWithCoverage, type Coverage } from '../../shared/validation';
import { oneOf, parseArgs, UsageError } from './args';

const USAGE =
  'usage: budget-review validate FILE.pdf [--format json|text] [--out FILE] [--fail-on error|warning] [--coverage]';

const ORDER: Severity[] = ['error', 'warning', 'rounding', 'info'];
const SEV_ZH: Record<Severity, string> = { error: '错误', warning: '警告', rounding: '尾差', info: '提示' };

function where(doc: ExtractedDocument, f: Finding, tableId: string): string {
  const t = doc.tables.find((x) => x.id === tableId);
  const cells = f.refs
    .filter((r) => r.table === tableId && r.row >= 0)
    .map((r) => {
      const row = t?.rows[r.row];
      const label = row?.code ?? row?.name ?? `#${r.row + 1}`;
      const col = r.col >= 0 ? (t?.columns[r.col]?.label ?? `col ${r.col + 1}`) : '';
      const page = r.col >= 0 ? row?.cells[r.col]?.page : null;
      return `${label}${col ? ` · ${col}` : ''}${page ? ` (p.${page})` : ''}`;
    });
  return [...new Set(cells)].slice(0, 6).join('; ') + (cells.length > 6 ? '; …' : '');
}

/** A readable report: findings grouped by the first table they reference, most severe first. */
export function toText(doc: ExtractedDocument, findings: Finding[], coverage?: Coverage): string {
  const lines: string[] = [];
  const counts = Object.fromEntries(ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<
    Severity,
    number
  >;
  lines.push(`${doc.source.file}: ${doc.tables.length} tables, ${doc.source.pages} pages`);
  lines.push(ORDER.map((s) => `${SEV_ZH[s]} ${s}: ${counts[s]}`).join('   '));
  lines.push('');
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.refs.find((r) => r.table)?.table ?? '';
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const orderedKeys = [...doc.tables.map((t) => t.id).filter((id) => groups.has(id)), ...(groups.has('') ? [''] : [])];
  for (const key of orderedKeys) {
    const t = doc.tables.find((x) => x.id === key);
    lines.push(
      t
        ? `== ${t.id} ${t.title}${t.pages.length ? ` (p.${t.pages[0]}${t.pages.length > 1 ? `–${t.pages[t.pages.length - 1]}` : ''})` : ''}`
        : '== 文档 / document',
    );
    const list = groups.get(key)!.sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
    for (const f of list) {
      lines.push(`  [${f.severity}] ${f.rule} ${f.message.zh}`);
      lines.push(`      ${f.message.en}`);
      if (key) {
        const w = where(doc, f, key);
        if (w) lines.push(`      @ ${w}`);
      }
    }
    lines.push('');
  }
  if (findings.length === 0) lines.push('未发现问题 / no findings');
  lines.push(
    'rules: ' +
      [...new Set(findings.map((f) => f.rule))].map((r) => `${r} ${isRuleId(r) ? RULES[r].title.en : ''}`).join('; '),
  );
  if (coverage) lines.push('', ...coverageText(doc, coverage));
  return `${lines.join('\n')}\n`;
}

/** Per table: the rules that ran and those that could not, with why; a table no rule read says so. */
export function coverageText(doc: ExtractedDocument, coverage: Coverage): string[] {
  const byTable = coverageByTable(coverage);
  const lines = ['== 核对范围 / coverage'];
  for (const t of doc.tables) {
    const c = byTable.get(t.id);
    const head = `  ${t.id} ${t.title || ''} [${t.type}]`;
    if (!c || (c.ran.length === 0 && c.skipped.length === 0)) {
      lines.push(`${head}: 未经任何规则核对 / no rule read this table`);
      continue;
    }
    lines.push(`${head}: ran ${c.ran.join(' ') || '—'}`);
    for (const s of c.skipped) lines.push(`      not checked ${s.rule}: ${s.reason.zh} / ${s.reason.en}`);
  }
  const doc_ = coverage.entries.filter((e) => e.table === null);
  lines.push(
    `  document: ran ${
      doc_
        .filter((e) => e.status === 'ran')
        .map((e) => e.rule)
        .join(' ') || '—'
    }`,
  );
  for (const e of doc_)
    if (e.status === 'skipped' && e.reason) lines.push(`      not checked ${e.rule}: ${e.reason.zh} / ${e.reason.en}`);
  return lines;
}

export async function run(argv: string[]): Promise<number> {
  let file: string;
  let format: 'json' | 'text';
  let failOn: 'error' | 'warning' | 'none';
  let out: string | undefined;
  let withCoverage = false;
  try {
    const args = parseArgs(argv, { values: ['format', 'out', 'fail-on'], flags: ['help', 'coverage'] });
    withCoverage = args.options.coverage === true;
    if (args.options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError('expected exactly one PDF file');
    file = args.positional[0]!;
    format = oneOf(args.options.format, ['json', 'text'] as const, 'json', 'format');
    failOn = oneOf(args.options['fail-on'], ['error', 'warning', 'none'] as const, 'none', 'fail-on');
    out = typeof args.options.out === 'string' ? args.options.out : undefined;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`budget-review validate: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  const bytes = await readInputFile('validate', file);
  if (!bytes) return 2;
  let doc: ExtractedDocument;
  try {
    // Loaded on demand: the extraction engine pulls in pdf.js, which the rest of this command does not need.
    const { extractDocument } = await import('../extraction');
    doc = await extractDocument(bytes, { file });
  } catch (err) {
    const msg = (err as Error).message?.split('\n')[0] ?? String(err);
    process.stderr.write(`budget-review validate: ${file}: unreadable PDF: ${msg}\n`);
    return 2;
  }
  const { findings, coverage } = validateWithCoverage(doc);
  const text =
    format === 'text'
      ? toText(doc, findings, withCoverage ? coverage : undefined)
      : `${JSON.stringify({ ...doc, findings, coverage: coverage.entries }, null, 2)}\n`;
  if (out) await writeFile(out, text);
  else await writeStdout(text);
  const worst = new Set(findings.map((f) => f.severity));
  if (failOn === 'error' && worst.has('error')) return 1;
  if (failOn === 'warning' && (worst.has('error') || worst.has('warning'))) return 1;
  return 0;
}
