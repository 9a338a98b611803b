import { describe, expect, it } from 'vitest';
import { CORPUS } from './testing/fixtures';
import { runMutations, runNarrativeMutations, transpose } from './testing/mutation';

/**
 * Every amount cell of every standard table of the corpus documents, mutated seven ways (digits transposed,
 * ±1, ±10, ±0.1): an error-level finding must point at the mutated cell's row.
 */
describe('mutation test over the corpus fixtures', () => {
  it('transposes the last pair of different digits', () => {
    expect(transpose('4641.18')).toBe('4641.81');
    expect(transpose('0.00')).toBeNull();
    expect(transpose('1,200.00')).toBe('1,020.00');
  });

  for (const name of Object.keys(CORPUS) as (keyof typeof CORPUS)[]) {
    it(`${name}: every mutation of a cell that takes part in a sum is caught`, () => {
      const r = runMutations(CORPUS[name]());
      const rate = r.checkedDetected / r.checkedMutations;
      const overall = r.detected / r.mutations;
      console.info(
        `[mutation] ${name}: ${r.checkedCells}/${r.cells} amount cells take part in a check; ` +
          `detected ${r.checkedDetected}/${r.checkedMutations} = ${(rate * 100).toFixed(2)}% of their mutations ` +
          `(${r.detected}/${r.mutations} = ${(overall * 100).toFixed(2)}% over all amount cells)`,
      );
      expect(r.checkedCells).toBeGreaterThan(100);
      expect(r.checkedCells / r.cells).toBeGreaterThan(0.95);
      expect(r.missed.slice(0, 5)).toEqual([]);
      expect(rate).toBe(1);
    }, 600_000);
  }

  for (const name of Object.keys(CORPUS) as (keyof typeof CORPUS)[]) {
    it(`${name}: every mutation of an explanation amount N1 matches to a cell is caught at that row`, () => {
      const r = runNarrativeMutations(CORPUS[name]());
      console.info(
        `[mutation] ${name} narrative: ${r.amounts} amounts matched to a cell; ` +
          `detected ${r.detected}/${r.mutations} = ${((r.detected / r.mutations) * 100).toFixed(2)}% of their mutations`,
      );
      expect(r.amounts).toBeGreaterThan(10);
      expect(r.missed.slice(0, 5)).toEqual([]);
      expect(r.detected).toBe(r.mutations);
    }, 600_000);
  }
});
