import { checkEqual, perTable, trace, type RuleContext } from './context';
import { fmt, makeFinding } from './findings';
import { formsOf, moneyColumns, type FormFigure, type FormLine, type ProjectForm } from './forms';
import type { UnitTables } from './rules-cross';

/**
 * DOMAIN §3.4, the 项目支出绩效自评表 (S1 annex, 24 forms):
 *  P1 执行率 = 全年执行数 / 全年预算数 (±0.01 percentage points, plus what the printed figures' rounding moves it);
 *  P3 执行率得分 ≤ 分值 × 执行率 (S1 gives full marks at 13.44% execution — a real discrepancy DOMAIN lists).
 * Columns come from the form's header words where read, else from the layout the MoF template fixes
 * (年初预算数, 全年预算数, 全年执行数 | 分值 | 执行率 | 得分; 分值 is dashed in the sub-lines). Forms whose columns
 * cannot be told apart are left alone. (The indicator scores — Σ 分值 = 90, S = Σ 得分 — need the indicator rows'
 * columns, which the extracted forms do not keep aligned; not checked.)
 */

interface Cols {
  budget: number;
  exec: number;
  weight: number | null;
  rate: number;
  score: number | null;
}

function columnsOf(f: ProjectForm, total: FormLine): Cols | null {
  const money = moneyColumns(f, total);
  const byHead = (re: RegExp) => [...f.header].find(([, h]) => re.test(h))?.[0];
  const budget = byHead(/全年预算|调整后预算/u) ?? (money.length === 3 ? money[1] : undefined);
  const exec = byHead(/执行数|决算数/u) ?? (money.length === 3 ? money[2] : undefined);
  if (budget === undefined || exec === undefined) return null;
  const after = [...total.cells.keys()].filter((c) => c > Math.max(...money)).sort((a, b) => a - b);
  const dash = Math.min(...f.lines.flatMap((l) => [...l.dashes]), Infinity);
  let rate = byHead(/执行率/u);
  let weight = byHead(/^分值$/u) ?? null;
  let score = byHead(/^得分$/u) ?? null;
  if (rate === undefined) {
    if (!Number.isFinite(dash) || !total.cells.has(dash)) return null;
    weight = dash;
    rate = after.find((c) => c > dash);
    score = rate !== undefined ? (after.find((c) => c > rate!) ?? null) : null;
  }
  if (rate === undefined) return null;
  return { budget, exec, weight, rate, score };
}

function pct(a: FormFigure): string {
  return (a.cents / 100).toFixed(2);
}

export function checkSelfEvaluation(u: UnitTables, ctx: RuleContext): void {
  for (const v of u.all) {
    const forms = formsOf(v.table);
    if (forms.length > 0) perTable(checkSelfEvaluation, v.table, ctx, (c) => forms.forEach((f) => checkForm(f, c)));
  }
}

function checkForm(f: ProjectForm, ctx: RuleContext): void {
  const total = f.lines.find((l) => l.key === 'total');
  if (!total) return;
  const cols = columnsOf(f, total);
  // Forms in tables the extractor could not type carry a stray text as title: name them by table then.
  const who = f.name ?? `${f.table.type === 'performance' ? f.table.title : f.table.id} #${f.index + 1}`;
  if (cols) {
    for (const l of f.lines) {
      const b = l.cells.get(cols.budget);
      const e = l.cells.get(cols.exec);
      const r = l.cells.get(cols.rate);
      if (!b || !e || !r || b.cents <= 0) continue;
      trace(ctx, [b.ref, e.ref, r.ref]);
      const expected = (e.cents / b.cents) * 100;
      const diff = Math.abs(expected - r.cents / 100);
      if (diff <= 0.01 + 1e-9) continue;
      // Figures printed to 0.01 move the rate by up to this much.
      const slack = ((0.5 / b.cents) * 100 + ((0.5 * e.cents) / (b.cents * b.cents)) * 100) * (f.scale === 1 ? 1 : 0);
      const sev = diff <= 0.01 + slack + 1e-9 ? 'rounding' : 'warning';
      ctx.out.push(
        makeFinding({
          rule: 'P1',
          severity: sev,
          zh: `项目「${who}」${l.label} 执行率应为 ${fmt(e.cents)} / ${fmt(b.cents)} = ${expected.toFixed(2)}%，表中为 ${pct(r)}%${sev === 'rounding' ? '（尾数误差）' : ''}`,
          en: `Project "${who}" [${l.label}]: execution rate should be ${fmt(e.cents)} / ${fmt(b.cents)} = ${expected.toFixed(2)}%, the form says ${pct(r)}%${sev === 'rounding' ? ' (rounding)' : ''}`,
          expected: Math.round(expected * 100) / 100,
          actual: r.cents / 100,
          tolerance: Math.round((0.01 + slack) * 100) / 100,
          refs: [r.ref, e.ref, b.ref],
          discriminator: `${who}|${l.label}`,
        }),
      );
    }
    // P3: the score for execution cannot exceed its weight × the rate of execution.
    const w = cols.weight !== null ? total.cells.get(cols.weight) : undefined;
    const s = cols.score !== null ? total.cells.get(cols.score) : undefined;
    const r = total.cells.get(cols.rate);
    if (w && s && r) {
      const cap = Math.round((w.cents * Math.min(100, Math.max(0, r.cents / 100))) / 100);
      checkEqual(
        ctx,
        'P3',
        'warning',
        { cents: s.cents, ref: s.ref },
        { cents: cap, ref: r.ref },
        {
          zh: `项目「${who}」执行率 ${pct(r)}% 时执行率得分 ${fmt(s.cents)} 不应超过 分值 ${fmt(w.cents)} × 执行率`,
          en: `Project "${who}": at ${pct(r)}% execution the execution score ${fmt(s.cents)} should not exceed weight ${fmt(w.cents)} × rate`,
        },
        { atMost: true, discriminator: who, extraRefs: [w.ref] },
      );
    }
  }
}
