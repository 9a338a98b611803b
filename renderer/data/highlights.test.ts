import { describe, expect, it } from 'vitest';
import { findingBoxes, pageHighlights } from './highlights';
import { parseDataLayout, DEFAULT_DATA_LAYOUT } from './layout';
import { expenditureTable, sampleDoc } from './testing/fixtures';
import type { Finding } from '../../shared/model/document';

const finding = (refs: [number, number][]): Finding => ({
  id: 'f',
  rule: 'R1',
  severity: 'error',
  message: { zh: '', en: '' },
  expected: 1,
  actual: 2,
  difference: 1,
  refs: refs.map(([row, col]) => ({ table: 't1', row, col })),
});

describe('page highlights', () => {
  const doc = sampleDoc();
  it('lights every cell a finding refers to, a whole-row ref lighting the row', () => {
    expect(findingBoxes(doc, finding([[2, 2]]), 'hover')).toEqual([
      { page: 1, bbox: [220, 700, 280, 710], kind: 'hover' },
    ]);
    expect(findingBoxes(doc, finding([[1, -1]]), 'finding')).toHaveLength(5);
  });
  it('puts the selection on top of the finding boxes and skips cells without a place on the page', () => {
    const t = expenditureTable();
    t.rows[3]!.cells[2]!.bbox = null;
    const d = sampleDoc([t]);
    const hl = pageHighlights(
      d,
      { table: 't1', row: 2, col: 3 },
      finding([
        [3, 2],
        [2, 2],
      ]),
      undefined,
    );
    expect(hl.map((h) => h.kind)).toEqual(['finding', 'selection']);
    expect(pageHighlights(d, { table: 't1', row: 3, col: 2 }, undefined, undefined)).toEqual([]);
  });
});

describe('remembered data layout', () => {
  it('repairs a stored layout field by field and keeps sizes in bounds', () => {
    expect(parseDataLayout(null)).toEqual(DEFAULT_DATA_LAYOUT);
    expect(parseDataLayout('{bad')).toEqual(DEFAULT_DATA_LAYOUT);
    expect(parseDataLayout('{"listWidth": 9999, "findingsHeight": "x", "listCollapsed": "yes"}')).toEqual({
      listWidth: 480,
      listCollapsed: false,
      findingsHeight: DEFAULT_DATA_LAYOUT.findingsHeight,
    });
    expect(parseDataLayout('{"listWidth": 300, "findingsHeight": 150}')).toEqual({
      listWidth: 300,
      listCollapsed: false,
      findingsHeight: 150,
    });
  });

  it('remembers a folded table list, and an old layout without the field opens it unfolded', () => {
    expect(parseDataLayout('{"listWidth": 260, "listCollapsed": true, "findingsHeight": 240}')).toEqual({
      listWidth: 260,
      listCollapsed: true,
      findingsHeight: 240,
    });
    expect(parseDataLayout('{"listWidth": 260, "findingsHeight": 240}').listCollapsed).toBe(false);
    expect(parseDataLayout('{"findingsHeight": 20}').findingsHeight).toBe(120);
  });
});
