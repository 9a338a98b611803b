import { describe, expect, it } from 'vitest';
import { columnWidth, displayAmount, groupedAmount, textWidth } from './display';
import type { Table } from '../../shared/model/document';

describe('amounts as the grid shows them', () => {
  it('groups thousands, to the cent', () => {
    expect(groupedAmount(4641.18)).toBe('4,641.18');
    expect(groupedAmount(64840547, 2)).toBe('64,840,547.00');
    expect(groupedAmount(999.5, 2)).toBe('999.50');
    expect(groupedAmount(-1228.71)).toBe('-1,228.71');
    expect(groupedAmount(-0.001)).toBe('0.00');
    expect(groupedAmount(1234567, 0)).toBe('1,234,567');
    expect(displayAmount({ text: '64,840,547.00', value: 64840547 })).toBe('64,840,547.00');
    expect(displayAmount({ text: '1234', value: 1234 })).toBe('1,234.00');
    expect(displayAmount({ text: '1.5', value: 1.5 })).toBe('1.50');
    expect(displayAmount({ text: '十二', value: null })).toBe('十二');
  });

  it('sizes a column to its widest figure, never narrower', () => {
    const cell = (text: string, value: number | null) => ({ text, value, page: null, bbox: null }) as never;
    const t = {
      columns: [{ label: '科目名称' }, { label: '一般公共预算拨款收入' }],
      rows: [
        { cells: [cell('行政运行', null), cell('64840547.00', 64840547)] },
        { cells: [cell('其他', null), cell('1.00', 1)] },
      ],
    } as unknown as Table;
    const w = columnWidth(t, 1, 'amount', '一般公共预算拨款收入');
    expect(w).toBeGreaterThanOrEqual(textWidth('64,840,547.00') + 20);
    expect(columnWidth(t, 0, 'name', '科目名称')).toBeGreaterThanOrEqual(120);
  });
});
