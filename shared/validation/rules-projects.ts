import { checkEqual, checkSum, perTable, refOf, trace, type Addend, type RuleContext } from './context';
import { fmt, makeFinding } from './findings';
import { budgetColumn, formsOf, moneyColumns, similarity, type FormLine, type ProjectForm } from './forms';
import { cell, type UnitTables } from './rules-cross';
import { norm, stripOrdinal } from './text';
import { grandTotal, slotOf, type Entry, type TableView } from './view';

/**
 * X11: Σ project amounts = 支出总表 项目支出. A 项目支出表 lists every project (so a shortfall is an error too,
 * unless it prints only this year's part and the 上年结转 part is not printed); 绩效目标表 may cover only the
 * "key" projects (S0: 10 projects, 2339.47 < 3568.18), so less is information and only more is an error.
 * X12: per project form, 资金总额 = 财政拨款 + 其他资金, 财政拨款 = 当年 + 上年结转 (or 资金总额 = the sum of its
 * sources where no 财政拨款 line is printed), and the form's total = the project's row in the 项目支出表
 * (which also catches a 元 form whose figures are not 万元 × 10⁴).
 */

const T = (v: TableView) => v.table.title || v.table.id;

/** A row naming a budget unit (单位 subtotal in a 项目支出表), not a project. */
const ORG = /(?:局|委员会|委|办公室|办|中心|院|所|站|队|部|处|科|室|馆|校|学校|会|厅|署|单位|本级|机关)$/u;
const PROJECT_WORDS = /经费|费|项目|工程|补助|补贴|奖励|资金|建设|维护|租赁|购置|专项|活动|服务/u;

function isOrgRow(e: Entry): boolean {
  const t = stripOrdinal(e.label);
  return t.length >= 4 && ORG.test(t) && !PROJECT_WORDS.test(t);
}

interface ProjectRows {
  v: TableView;
  slot: number;
  projects: Entry[];
}

const rowsCache = new WeakMap<TableView, ProjectRows | null>();

/** Project rows of a 项目支出表 (unit subtotal rows and 合计 rows left out), with the column of their totals. */
function projectRows(v: TableView): ProjectRows | null {
  let r = rowsCache.get(v);
  if (r === undefined) {
    const g = v.groups[0];
    let slot = g ? slotOf(g, 'total') : -1;
    if (g && slot < 0 && g.amountCols.length > 0) slot = 0;
    r =
      g && slot >= 0
        ? {
            v,
            slot,
            projects: g.entries.filter((e) => !e.total && !isOrgRow(e) && e.label !== '' && e.amounts[slot] !== null),
          }
        : null;
    rowsCache.set(v, r);
  }
  return r;
}

/** Unit subtotals and 合计 rows of a 项目支出表 = Σ the project rows they cover. */
function projectTableSums(v: TableView, ctx: RuleContext): void {
  const pr = projectRows(v);
  if (!pr) return;
  const g = v.groups[0]!;
  const { slot } = pr;
  const heads: { e: Entry; parts: Entry[] }[] = [];
  let grand: Entry | null = null;
  let current: { e: Entry; parts: Entry[] } | null = null;
  for (const e of g.entries) {
    if (e.total) {
      if (e.total === 'grand' && !grand) grand = e;
      continue;
    }
    if (isOrgRow(e)) {
      current = { e, parts: [] };
      heads.push(current);
    } else if (current && e.amounts[slot] !== null) current.parts.push(e);
  }
  const add = (e: Entry): Addend => cell(v, e, slot)!;
  for (const h of heads) {
    if (h.parts.length === 0) continue;
    checkSum(
      ctx,
      'X11',
      'error',
      add(h.e),
      h.parts.map(add),
      {
        zh: `${T(v)}「${h.e.label}」应等于其下各项目之和`,
        en: `${T(v)} [${h.e.label}] should equal the sum of its projects`,
      },
      1,
      `unit-${h.e.label}`,
    );
  }
  if (grand && pr.projects.length > 0) {
    checkSum(
      ctx,
      'X11',
      'error',
      add(grand),
      pr.projects.map(add),
      { zh: `${T(v)}合计应等于各项目之和`, en: `${T(v)} total should equal the sum of its projects` },
      1,
      'grand',
    );
  }
}

function expenditureProject(u: UnitTables): Addend | null {
  const E = u.byType.get('expenditure');
  if (!E) return null;
  const g = E.groups[0];
  const e = grandTotal(E);
  if (!g || !e) return null;
  const s = slotOf(g, 'project');
  return s >= 0 ? cell(E, e, s) : null;
}

/** A form's figure in cents of 万元 with its cell. */
function wanOf(f: ProjectForm, line: FormLine, col: number): Addend | null {
  const x = line.cells.get(col);
  if (!x) return null;
  return { cents: Math.round(x.cents / f.scale), ref: x.ref };
}

export function checkProjects(u: UnitTables, ctx: RuleContext): void {
  const projectTables = u.all.filter((v) => v.type === 'project');
  for (const v of projectTables) perTable(projectTableSums, v.table, ctx, (c) => projectTableSums(v, c));
  const forms = u.all.flatMap((v) => formsOf(v.table));
  for (const v of u.all) {
    const own = formsOf(v.table);
    if (own.length > 0) perTable(formSums, v.table, ctx, (c) => own.forEach((f) => formSums(f, c)));
  }
  const total = expenditureProject(u);
  const E = u.byType.get('expenditure');

  // X11 over the 项目支出表(s).
  const rows = projectTables.map(projectRows).filter((r): r is ProjectRows => r !== null && r.projects.length > 0);
  if (total && E && rows.length > 0) {
    const parts = rows.flatMap((r) => r.projects.map((e) => cell(r.v, e, r.slot)!));
    const titles = projectTables.map((v) => norm(v.table.title));
    const partial = titles.some((t) => /重点|部分|主要/u.test(t));
    const thisYearOnly = titles.some((t) => /本年|当年/u.test(t)) && !titles.some((t) => /上年结转/u.test(t));
    const sum = parts.reduce((s, a) => s + a.cents, 0);
    // Fewer projects than the total is a gap only where the table claims to list all of them.
    const severity = partial || (thisYearOnly && sum < total.cents) ? 'info' : 'error';
    if (!(partial && sum <= total.cents)) {
      checkSum(ctx, 'X11', severity, total, parts, {
        zh: `${T(E)}合计行项目支出应等于项目支出表各项目之和`,
        en: `Project expenditure in the total row of ${T(E)} should equal the sum of the projects in the project table`,
      });
    }
  }

  // X11 over the project forms (budget: 绩效目标表). A 决算 自评 covers budgets, not the year's spending.
  if (total && E && ctx.kind !== 'final' && forms.length > 0) {
    const parts: Addend[] = [];
    for (const f of forms) {
      const col = budgetColumn(f);
      const line = f.lines.find((l) => l.key === 'total');
      const a = col !== null && line ? wanOf(f, line, col) : null;
      if (a) parts.push(a);
    }
    if (parts.length > 0) {
      const sum = parts.reduce((s, a) => s + a.cents, 0);
      trace(ctx, [total.ref, ...parts.map((p) => p.ref)]);
      if (sum > total.cents) {
        checkEqual(
          ctx,
          'X11',
          'error',
          { cents: sum, ref: parts[0]!.ref },
          total,
          {
            zh: `${parts.length} 张项目绩效目标表的资金合计 ${fmt(sum)} 超过${T(E)}项目支出`,
            en: `The ${parts.length} project forms total ${fmt(sum)}, more than the project expenditure of ${T(E)}`,
          },
          { atMost: true, addends: parts.length, discriminator: 'forms', extraRefs: parts.slice(1).map((p) => p.ref) },
        );
      } else if (sum < total.cents) {
        ctx.out.push(
          makeFinding({
            rule: 'X11',
            severity: 'info',
            zh: `项目绩效目标表 ${parts.length} 张，资金合计 ${fmt(sum)}，少于${T(E)}项目支出 ${fmt(total.cents)}（只列重点项目时允许）`,
            en: `${parts.length} project forms total ${fmt(sum)}, less than the project expenditure ${fmt(total.cents)} of ${T(E)} (allowed where only key projects are listed)`,
            expected: total.cents / 100,
            actual: sum / 100,
            refs: [total.ref, ...parts.map((p) => p.ref)],
            discriminator: 'forms',
          }),
        );
      }
    }
  }

  // X12: each named form against its row in the 项目支出表 (元 forms = 万元 × 10⁴).
  if (rows.length > 0) {
    const candidates = rows.flatMap((r) => r.projects.map((e) => ({ r, e })));
    for (const f of forms) {
      if (!f.name) continue;
      let best: { r: ProjectRows; e: Entry; s: number } | null = null;
      for (const c of candidates) {
        const s = similarity(f.name, c.e.label);
        if (s >= 0.75 && (!best || s > best.s)) best = { ...c, s };
      }
      const col = budgetColumn(f);
      const line = f.lines.find((l) => l.key === 'total');
      if (!best || col === null || !line) continue;
      const a = wanOf(f, line, col)!;
      const b = cell(best.r.v, best.e, best.r.slot)!;
      const raw = line.cells.get(col)!.cents;
      const unitSlip =
        a.cents !== b.cents && ((f.scale === 1 && raw === b.cents * 10000) || (f.scale === 10000 && raw === b.cents));
      checkEqual(
        ctx,
        'X12',
        'error',
        a,
        b,
        {
          zh: `项目「${f.name}」绩效表资金总额（${f.scale === 1 ? '万元' : '元，折合万元'}）应等于${T(best.r.v)}「${best.e.label}」`,
          en: `Project "${f.name}": the form's total${f.scale === 1 ? '' : ' (yuan, in 10k yuan)'} should equal its row in ${T(best.r.v)}`,
        },
        {
          discriminator: `form-${f.name}`,
          hint: unitSlip
            ? {
                zh: f.scale === 1 ? '表中数字为元，但标为万元' : '表中数字为万元，但标为元',
                en:
                  f.scale === 1
                    ? 'the figures are in yuan but labelled 10k yuan'
                    : 'the figures are in 10k yuan but labelled yuan',
              }
            : undefined,
          extraRefs: [refOf(best.r.v, best.e, best.r.slot)],
        },
      );
    }
  }
}

/** X12 within one form, per money column: 资金总额 = its sources; 财政拨款 = 当年 + 上年结转; last 支出计划 = 预算数. */
function formSums(f: ProjectForm, ctx: RuleContext): void {
  const total = f.lines.find((l) => l.key === 'total');
  if (!total) return;
  planPoint(f, total, ctx);
  const fiscal = f.lines.find((l) => l.key === 'fiscal');
  const who = f.name ?? `${f.table.type === 'performance' ? f.table.title : f.table.id} #${f.index + 1}`;
  const money = moneyColumns(f, total);
  // A form of one money column may print its sources beside the total ("预算数 40.00 其中：财政资金 40.00 其他资金"):
  // a source line's only figure is then its amount, whatever the column.
  const figure = (l: FormLine, col: number): Addend => {
    const own = l.cells.get(col);
    if (own) return own;
    if (money.length === 1 && l.cells.size === 1) return [...l.cells.values()][0]!;
    return { cents: 0, ref: { ref: { table: f.table.id, row: l.row, col }, key: `${l.label}:${col}` } };
  };
  for (const col of money) {
    const head = f.header.get(col) ?? total.cells.get(col)?.pairLabel ?? '';
    const top = total.cells.get(col)!;
    const parts = fiscal
      ? f.lines.filter((l) => l.key === 'fiscal' || l.key === 'other' || l.key === 'self')
      : f.lines.filter((l) => l.key !== 'total');
    // "其中：当年财政拨款" alone is a breakdown, not the whole.
    if (parts.length >= 2 || (parts.length === 1 && parts[0]!.key !== 'current')) {
      checkSum(
        ctx,
        'X12',
        'error',
        top,
        parts.map((l) => figure(l, col)),
        {
          zh: `项目「${who}」${head ? `「${head}」` : ''}资金总额应等于各资金来源之和`,
          en: `Project "${who}"${head ? ` [${head}]` : ''}: total funds should equal the sum of the sources`,
        },
        f.scale,
        `${who}|${head}|total`,
      );
    }
    if (fiscal && (fiscal.cells.has(col) || (money.length === 1 && fiscal.cells.size === 1))) {
      const sub = f.lines.filter((l) => l.key === 'current' || l.key === 'carry');
      if (sub.length > 0) {
        checkSum(
          ctx,
          'X12',
          'error',
          figure(fiscal, col),
          sub.map((l) => figure(l, col)),
          {
            zh: `项目「${who}」财政拨款应等于当年财政拨款 + 上年结转`,
            en: `Project "${who}": appropriations should equal this year's appropriation + carry-over`,
          },
          f.scale,
          `${who}|${head}|fiscal`,
        );
      }
    }
  }
}

/**
 * The spending plan is cumulative: its last point is the whole budget. A plan printed in per cent (last point 100)
 * says nothing about the amount and is left alone.
 */
function planPoint(f: ProjectForm, total: FormLine, ctx: RuleContext): void {
  const last = f.plan[f.plan.length - 1];
  const col = budgetColumn(f);
  const budget = col !== null ? total.cells.get(col) : undefined;
  if (!last || !budget) return;
  if (last.cents === 10000 && budget.cents !== 10000) return;
  const who = f.name ?? `${f.table.type === 'performance' ? f.table.title : f.table.id} #${f.index + 1}`;
  checkEqual(
    ctx,
    'X12',
    'error',
    last,
    budget,
    {
      zh: `项目「${who}」资金支出计划最后一期（累计）应等于预算数`,
      en: `Project "${who}": the last point of the (cumulative) spending plan should equal the budget`,
    },
    { discriminator: `${who}|plan`, extraRefs: f.plan.slice(0, -1).map((p) => p.ref) },
  );
}
