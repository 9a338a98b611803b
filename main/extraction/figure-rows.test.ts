import { describe, expect, it } from 'vitest';
import { hasFigureRows } from './figure-rows';
import { run } from './testing/synthetic';

function rows(cells: string[][]): ReturnType<typeof run>[] {
  return cells.flatMap((r, i) => r.map((t, c) => run(t, 50 + 90 * c, 700 - 14 * i)));
}

describe('hasFigureRows', () => {
  it('sees a statistics table of counts and percentages, with no decimal amount anywhere', () => {
    const runs = rows([
      ['Region', 'Schools', 'Share'],
      ['North', '120', '45%'],
      ['South', '98', '37%'],
      ['West', '47', '–'],
    ]);
    expect(hasFigureRows(runs)).toBe(true);
  });

  it('does not take prose quoting a figure per line, or too few rows, for a table', () => {
    expect(
      hasFigureRows(rows([['In 2023 the office spent more than before'], ['on 12 projects and'], ['hired 3 people']])),
    ).toBe(false);
    expect(
      hasFigureRows(
        rows([
          ['North', '120', '45%'],
          ['South', '98', '37%'],
        ]),
      ),
    ).toBe(false);
  });
});
