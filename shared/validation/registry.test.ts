import { describe, expect, it } from 'vitest';
import { TABLE_TYPES } from '../model/document';
import { isRuleId, RULE_IDS, RULE_MODULES, RULES, validate } from './index';
import { CORPUS } from './testing/fixtures';

describe('the rule registry', () => {
  it('holds one module per rule id, each with its metadata', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const r of RULE_MODULES) {
      expect(r.meta.title.zh.length, r.meta.id).toBeGreaterThan(3);
      expect(r.meta.title.en.length, r.meta.id).toBeGreaterThan(3);
      expect(r.meta.needs.zh.length, r.meta.id).toBeGreaterThan(1);
      expect(['error', 'warning', 'rounding', 'info']).toContain(r.meta.severity);
      for (const t of r.meta.tables) expect(TABLE_TYPES).toContain(t);
      expect(RULES[r.meta.id]).toBe(r.meta);
    }
  });

  it('the catalogue is the set of modules, not a list kept beside them', () => {
    expect(Object.keys(RULES).sort()).toEqual([...RULE_IDS].sort());
    expect(isRuleId('R1')).toBe(true);
    expect(isRuleId('R13')).toBe(false);
  });

  it('every finding on the corpus documents names a rule of the registry', () => {
    for (const make of Object.values(CORPUS)) {
      for (const f of validate(make())) expect(isRuleId(f.rule), f.rule).toBe(true);
    }
  });
});
