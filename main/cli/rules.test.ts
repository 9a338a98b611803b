import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../shared/validation';
import { catalogue, toText } from './rules';

describe('budget-review rules', () => {
  it('lists every rule module with its severity, scope and what it needs', () => {
    const list = catalogue();
    expect(list.map((r) => r.id)).toEqual([...RULE_IDS]);
    const r4 = list.find((r) => r.id === 'R4')!;
    expect(r4.scope).toBe('table');
    expect(r4.needs.en).toMatch(/component columns/u);
    expect(toText()).toMatch(/^X1 +error +unit +收支总表收入 = 收入总表/mu);
  });
});
