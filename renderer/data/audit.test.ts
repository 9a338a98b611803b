import { describe, expect, it } from 'vitest';
import { buildTrail, describeOp, formatTime, TRAIL_PAGE, visibleTrail } from './audit';
import { expenditureTable, sampleDoc } from './testing/fixtures';
import { insertRowOp } from './rows';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { setCellOp, type EditOp } from '../../shared/model/edits';
import type { JournalEntry } from '../../shared/api/contract';
import type { AuditEntry } from '../store/review';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);

function entries(ops: EditOp[], revision = 1): JournalEntry[] {
  return ops.map((op, seq) => ({ seq, at: `2024-05-01T08:00:0${seq % 10}Z`, who: '张三', revision, op }));
}

describe('audit trail', () => {
  it('says a cell edit as table, row and column labels with before → after', () => {
    const doc = sampleDoc();
    const op = setCellOp(doc, 't1', 2, 3, '9.00');
    expect(describeOp(op, doc, en)).toBe('人大事务 · 基本支出: 8.00 → 9.00');
    expect(describeOp(setCellOp(doc, 't1', 2, 3, ''), doc, zh)).toBe('人大事务 · 基本支出：8.00 → （空白）');
    const [item] = buildTrail(doc, entries([op]), [], en);
    expect(item).toMatchObject({
      seq: 0,
      who: '张三',
      revision: 1,
      kind: 'edit',
      table: 't1',
      tableLabel: '三 支出总表',
    });
  });

  it('names the row as it was when edited, even after a row was inserted above it', () => {
    const doc = sampleDoc();
    const insert = insertRowOp(doc.tables[0]!, 1);
    // After the insert, row 3 is 人大事务 (it was row 2 before).
    const ops: EditOp[] = [
      insert,
      {
        op: 'setCell',
        table: 't1',
        row: 3,
        col: 2,
        before: { text: '12.00', value: 12 },
        after: { text: '13.00', value: 13 },
      },
    ];
    const trail = buildTrail(doc, entries(ops), [], en);
    expect(trail.map((x) => x.text)).toEqual(['Inserted 1 row(s) at row 2', '人大事务 · 合计: 12.00 → 13.00']);
  });

  it('puts sign-offs and re-openings between the edits in sequence, with their note and reason', () => {
    const doc = sampleDoc();
    const journal = entries([setCellOp(doc, 't1', 2, 3, '9.00')]);
    journal.push({
      seq: 3,
      at: 'z',
      who: '李四',
      revision: 2,
      op: { op: 'setTableStatus', table: 't1', before: 'unreviewed', after: 'reviewed' },
    });
    const audit: AuditEntry[] = [
      { seq: 1, at: 'x', who: '张三', revision: 1, kind: 'signOff', text: '已核对' },
      { seq: 2, at: 'y', who: '李四', revision: 2, kind: 'reopen', text: '表三有误' },
    ];
    const trail = buildTrail(doc, journal, audit, zh);
    expect(trail.map((x) => [x.seq, x.kind, x.revision, x.text])).toEqual([
      [0, 'edit', 1, '人大事务 · 基本支出：8.00 → 9.00'],
      [1, 'signOff', 1, '签署：已核对'],
      [2, 'reopen', 2, '重新打开：表三有误'],
      [3, 'edit', 2, '审阅状态：未审阅 → 已审阅'],
    ]);
  });

  it('says every other kind of change in words', () => {
    const doc = sampleDoc();
    const t = doc.tables[0]!;
    const region = { ...expenditureTable('r'), method: 'stream' as const };
    const cases: [EditOp, string][] = [
      [{ op: 'confirmCell', table: 't1', row: 1, col: 2, confirmed: true }, 'Confirmed 一般公共服务支出 · 合计'],
      [
        { op: 'spliceRows', table: 't1', index: 2, removed: [t.rows[2]!], inserted: [], intent: 'delete' },
        'Deleted 1 row(s) from row 3: 人大事务',
      ],
      [{ op: 'waiveFinding', findingId: 'R4:t1:201', before: null, after: '印刷错误' }, 'Waived R4:t1:201: 印刷错误'],
      [{ op: 'waiveFinding', findingId: 'R4:t1:201', before: '印刷错误', after: null }, 'Waiver withdrawn: R4:t1:201'],
      [{ op: 'replaceTable', id: 'r', before: null, after: region }, 'Table added (stream)'],
      [
        { op: 'batch', label: 'paste', ops: [setCellOp(doc, 't1', 1, 2, '1'), setCellOp(doc, 't1', 2, 2, '2')] },
        '2 changes: 一般公共服务支出 · 合计: 30.00 → 1; 人大事务 · 合计: 12.00 → 2',
      ],
    ];
    for (const [op, text] of cases) expect(describeOp(op, doc, en)).toBe(text);
  });

  it('keeps going past an edit that no longer applies, as the service does on replay', () => {
    const doc = sampleDoc();
    const stale: EditOp = {
      op: 'setCell',
      table: 'gone',
      row: 0,
      col: 0,
      before: { text: 'a', value: null },
      after: { text: 'b', value: null },
    };
    const trail = buildTrail(doc, entries([stale, setCellOp(doc, 't1', 2, 3, '9.00')]), [], en);
    expect(trail.map((x) => x.text)).toEqual(['#1 · #1: a → b', '人大事务 · 基本支出: 8.00 → 9.00']);
  });

  it('lists newest first, filters one table’s edits while keeping sign-offs, and builds thousands quickly', () => {
    const doc = sampleDoc([expenditureTable('t1'), expenditureTable('t2')]);
    const ops: EditOp[] = [];
    for (let i = 0; i < 5000; i++) {
      const table = i % 2 ? 't2' : 't1';
      const v = (i % 2 ? 'x' : 'y') + String(i);
      const prev = i < 2 ? '8.00' : (i % 2 ? 'x' : 'y') + String(i - 2);
      ops.push({
        op: 'setCell',
        table,
        row: 2,
        col: 3,
        before: { text: prev, value: null },
        after: { text: v, value: null },
      });
    }
    const audit: AuditEntry[] = [{ seq: 5000, at: 'x', who: 'a', revision: 1, kind: 'signOff', text: '' }];
    const t0 = performance.now();
    const trail = buildTrail(doc, entries(ops), audit, en);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(trail).toHaveLength(5001);
    expect(trail.at(-2)!.text).toBe('人大事务 · 基本支出: x4997 → x4999');
    const t2 = visibleTrail(trail, 't2');
    expect(t2).toHaveLength(2501);
    expect(t2[0]!.kind).toBe('signOff');
    expect(t2.slice(1).every((x) => x.table === 't2')).toBe(true);
    expect(t2.length).toBeGreaterThan(TRAIL_PAGE);
  });

  it('shows a stored time that cannot be read as it is', () => {
    expect(formatTime('not a time', 'en')).toBe('not a time');
    expect(formatTime('2024-05-01T08:00:00Z', 'en')).toMatch(/2024/u);
  });
});
