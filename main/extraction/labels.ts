import type { MoneyUnit } from '../../shared/model';

/**
 * The "label：value" lines printed between a title and its grid ("编制部门：上海市普陀区司法局    单位：元",
 * "部门：中共江苏省委办公厅 单位：万元", "单位名称：… 预算年度：2025"). They are never the title; they say whose table it
 * is and in which unit. One line may carry several labels, and a wrapped value may have its tail printed after the
 * unit ("部门名称：江苏省人大 单位：万元 常委会办公厅").
 */
export interface LabelLine {
  department: string | null;
  unitName: string | null;
  moneyUnit: MoneyUnit | null;
}

const LABEL =
  /(编制部门|编制单位|部门名称|单位名称|预算单位|填报单位|主管部门|预算部门|部门|金额单位|单位|(?:预算|决算)?年度)[:：]/gu;
const DEPARTMENT_LABELS = new Set(['编制部门', '部门名称', '部门', '主管部门', '预算部门']);

/** Null unless the line starts with a label. */
export function labelLine(text: string): LabelLine | null {
  const t = text.normalize('NFKC').replace(/\s+/gu, '');
  const found = [...t.matchAll(LABEL)];
  if (found.length === 0 || found[0]!.index !== 0) return null;
  const out: LabelLine = { department: null, unitName: null, moneyUnit: null };
  let owner: 'department' | 'unitName' | null = null;
  found.forEach((m, i) => {
    const label = m[1]!;
    const value = t.slice(m.index! + m[0].length, found[i + 1]?.index ?? t.length);
    if (label === '单位' || label === '金额单位') {
      const unit = /^(万元|元)(.*)$/u.exec(value);
      if (unit) {
        out.moneyUnit ??= unit[1] as MoneyUnit;
        // The wrapped tail of the name printed before the unit.
        if (unit[2] && owner) out[owner] += unit[2];
        return;
      }
    }
    if (/年度$/u.test(label)) return;
    owner = DEPARTMENT_LABELS.has(label) ? 'department' : 'unitName';
    if (value) out[owner] ??= value;
  });
  return out;
}
