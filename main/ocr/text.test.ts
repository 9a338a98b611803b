import { describe, expect, it } from 'vitest';
import { cleanWordText, removeCjkSpaces, repairNumericToken } from './text';

describe('CJK spacing', () => {
  it('removes the spaces a recogniser puts between Chinese characters', () => {
    expect(removeCjkSpaces('一 般 公 共 服 务 支 出')).toBe('一般公共服务支出');
    expect(removeCjkSpaces('单 位 ： 万 元')).toBe('单位：万元');
  });
  it('keeps spaces next to Latin letters and digits', () => {
    expect(removeCjkSpaces('2023 年 预 算')).toBe('2023 年预算');
    expect(removeCjkSpaces('PM 2.5 监 测')).toBe('PM 2.5 监测');
  });
  it('normalises compatibility forms (NFKC) as the text layer reader does', () => {
    expect(cleanWordText('８６６．５３')).toBe('866.53');
    expect(cleanWordText('⼯ 资 福 利')).toBe('工资福利');
  });
});

describe('amount repairs', () => {
  it('reads look-alike letters as digits inside numeric tokens', () => {
    expect(repairNumericToken('8O6.53')).toBe('806.53');
    expect(repairNumericToken('l2.33')).toBe('12.33');
    expect(repairNumericToken('1O.29')).toBe('10.29');
  });
  it('takes a comma before the last two digits as the decimal point', () => {
    expect(repairNumericToken('866,53')).toBe('866.53');
    expect(repairNumericToken('4.641,18')).toBe('4,641.18');
    expect(repairNumericToken('4,641.18')).toBe('4,641.18');
  });
  it('drops stray dots at the ends and misplaced separators', () => {
    expect(repairNumericToken('.838.21')).toBe('838.21');
    expect(repairNumericToken('12,33.')).toBe('12.33');
  });
  it('leaves words and codes alone', () => {
    expect(repairNumericToken('SO')).toBe('SO');
    expect(repairNumericToken('Oil')).toBe('Oil');
    expect(repairNumericToken('2023年')).toBe('2023年');
    expect(repairNumericToken('2080501')).toBe('2080501');
    expect(repairNumericToken('合计')).toBe('合计');
  });
  it('reads a colon between digits as the decimal point', () => {
    expect(repairNumericToken('0:00')).toBe('0.00');
    expect(repairNumericToken('1,093：83')).toBe('1,093.83');
  });
  it('drops a lone letter or mark the recogniser read from a speck beside an amount', () => {
    expect(cleanWordText('b 1637.31')).toBe('1637.31');
    expect(cleanWordText("1,093.83 '")).toBe('1,093.83');
    expect(cleanWordText('A 类')).toBe('A 类');
  });
  it('keeps a minus sign', () => {
    expect(repairNumericToken('-l5.00')).toBe('-15.00');
  });
});
