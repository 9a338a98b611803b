import { describe, expect, it } from 'vitest';
import type { Cell, Column, Row } from '../../shared/model';
import { columnKinds, isTotalColumn } from './columns';

const cell = (text: string): Cell => {
  const v = /^-?\d+(?:\.\d+)?$/u.test(text) ? Number(text) : null;
  return { text, value: v, page: 1, bbox: null, confidence: 1 };
};
const row = (texts: string[]): Row => ({
  kind: 'data',
  code: null,
  level: null,
  parent: null,
  name: null,
  cells: texts.map(cell),
});
const col = (label: string, role: Column['role'], codePart?: Column['codePart']) => ({ label, role, codePart });

describe('column kinds recorded for validation', () => {
  it('marks the total column by its header words and keeps the extractor’s other roles', () => {
    const cols = [
      col('科目编码', 'code'),
      col('科目名称', 'name'),
      col('本年支出 / 合计', 'amount'),
      col('本年支出 / 基本支出', 'amount'),
    ];
    const rows = [row(['201', '一般公共服务支出', '3.00', '1.00']), row(['202', '外交支出', '2.00', '2.00'])];
    expect(columnKinds(cols, rows)).toEqual(['code', 'name', 'total', 'amount']);
  });

  it('reads a column headed 序号 or 栏次 as sequence numbers', () => {
    expect(columnKinds([col('序号', 'amount'), col('项目', 'name')], [row(['1.00', '甲'])])).toEqual(['seq', 'name']);
  });

  it('reads a column by its cells where they contradict the role, except a part of a split code', () => {
    const rows = [row(['204', '06', '行政运行', '甲', '1.00']), row(['204', '06', '司法', '乙', '2.00'])];
    const cols = [
      col('类', 'code', '类'),
      col('款', 'code', '款'),
      col('名称', 'name'),
      col('说明', 'amount'),
      col('备注', 'text'),
    ];
    expect(columnKinds(cols, rows)).toEqual(['code', 'code', 'name', 'text', 'amount']);
    // The same two-digit cells in a code column that is no part are read as figures.
    expect(columnKinds([col('编码', 'code'), col('款', 'code')], rows)).toEqual(['code', 'amount']);
  });

  it('tells total headers from others', () => {
    expect(isTotalColumn(['2024年预算数'])).toBe(true);
    expect(isTotalColumn(['本年收入合计', '科目名称'])).toBe(true);
    expect(isTotalColumn(['本年收入', '财政拨款收入'])).toBe(false);
    expect(isTotalColumn(['预算数', '基本支出'])).toBe(false);
  });
});
