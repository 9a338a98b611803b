import type {
  Api,
  CallArgs,
  CallName,
  CallResult,
  EventName,
  EventPayload,
  ReviewState,
} from '../../../shared/api/contract';
import { applyOp, emptyOverlay, type EditOp } from '../../../shared/model/edits';
import type { Cell, ExtractedDocument, Row, Table } from '../../../shared/model/document';

/** Small documents and a fake API for the data side's unit tests. */
export function cell(
  text: string,
  page = 1,
  bbox: [number, number, number, number] | null = null,
  confidence = 1,
): Cell {
  const n = Number(text.replace(/,/gu, ''));
  return { text, value: text !== '' && Number.isFinite(n) ? n : null, page, bbox, confidence };
}

export function row(code: string | null, name: string, amounts: string[], y = 700, kind: Row['kind'] = 'data'): Row {
  const level = code ? (code.length === 3 ? '类' : code.length === 5 ? '款' : '项') : null;
  return {
    kind,
    code,
    level,
    parent: code && code.length > 3 ? code.slice(0, code.length - 2) : null,
    name,
    cells: [
      cell(code ?? '', 1, [40, y, 90, y + 10]),
      cell(name, 1, [100, y, 200, y + 10]),
      ...amounts.map((a, i) => cell(a, 1, [220 + i * 80, y, 280 + i * 80, y + 10])),
    ],
  };
}

/** 支出表: 合计 = 基本 + 项目 per row; 201 = 20101 + 20103. */
export function expenditureTable(id = 't1'): Table {
  return {
    id,
    title: '支出总表',
    type: 'expenditure',
    number: '三',
    moneyUnit: '万元',
    unitCode: null,
    unitName: null,
    pages: [1],
    header: [['科目编码', '科目名称', '合计', '基本支出', '项目支出']],
    columns: [
      { key: 'code', label: '科目编码', role: 'code' },
      { key: 'name', label: '科目名称', role: 'name' },
      { key: 'total', label: '合计', role: 'amount' },
      { key: 'basic', label: '基本支出', role: 'amount' },
      { key: 'project', label: '项目支出', role: 'amount' },
    ],
    rows: [
      row(null, '合计', ['30.00', '20.00', '10.00'], 740, 'total'),
      row('201', '一般公共服务支出', ['30.00', '20.00', '10.00'], 720),
      row('20101', '人大事务', ['12.00', '8.00', '4.00'], 700),
      row('20103', '政府办公厅', ['18.00', '12.00', '6.00'], 680),
    ],
    regions: [{ page: 1, bbox: [30, 670, 500, 760] }],
  };
}

export function sampleDoc(tables: Table[] = [expenditureTable()]): ExtractedDocument {
  return {
    source: { file: 'a.pdf', sha256: 'a'.repeat(64), pages: 2 },
    meta: { department: null, unitCode: null, year: 2024, kind: 'budget', moneyUnit: '万元', units: [] },
    tables,
    findings: [],
  };
}

type Handler<K extends CallName> = (args: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K>;

/**
 * An in-memory service: keeps a journal, refuses what `refuse` says, answers extraction.region with `regionTable`.
 * Events are emitted by the test through `emit`.
 */
export class FakeApi implements Api {
  journal: EditOp[] = [];
  calls: { name: CallName; args: unknown }[] = [];
  refuse: ((op: EditOp) => string | null) | null = null;
  /** Holds review.apply answers until release() when set. */
  hold = false;
  private held: (() => void)[] = [];
  regionTable: (args: CallArgs<'extraction.region'>) => Table = () => expenditureTable('region');
  private listeners = new Map<string, Set<(p: unknown) => void>>();
  handlers: Partial<{ [K in CallName]: Handler<K> }> = {};

  constructor(
    public extracted: ExtractedDocument = sampleDoc(),
    public state: Partial<ReviewState> = {},
  ) {}

  release(): void {
    const h = this.held;
    this.held = [];
    for (const f of h) f();
  }

  async call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
    this.calls.push({ name, args });
    const custom = this.handlers[name] as Handler<K> | undefined;
    if (custom) return custom(args);
    switch (name) {
      case 'extraction.run':
        return this.extracted as CallResult<K>;
      case 'review.load': {
        const st: ReviewState = {
          info: { docId: 'd'.repeat(64), name: 'a.pdf', size: 1, pages: 2 },
          extracted: this.extracted,
          journal: this.journal.map((op, seq) => ({ seq, at: '2024-01-01T00:00:00Z', who: 't', revision: 1, op })),
          revision: 1,
          tableStatus: {},
          waivers: {},
          signOff: null,
          notices: [],
          ...this.state,
        };
        return st as CallResult<K>;
      }
      case 'review.apply': {
        const { op } = args as CallArgs<'review.apply'>;
        if (this.hold) await new Promise<void>((r) => this.held.push(r));
        const why = this.refuse?.(op as EditOp) ?? null;
        if (why) throw new Error(why);
        this.journal.push(op as EditOp);
        return { seq: this.journal.length - 1 } as CallResult<K>;
      }
      case 'settings.get':
        return { locale: 'zh-CN', reviewer: 't', tolerancePerAddend: 0.005, toleranceMin: 0.01 } as CallResult<K>;
      case 'validation.findings':
        return [] as CallResult<K>;
      case 'extraction.region':
        return this.regionTable(args as CallArgs<'extraction.region'>) as CallResult<K>;
      default:
        throw new Error(`fake API: ${name} not handled`);
    }
  }

  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (p: unknown) => void);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const l of this.listeners.get(name) ?? []) l(payload);
  }

  /** The document the service holds: the extraction with its journal applied. */
  current(): ExtractedDocument {
    let st = { doc: this.extracted, overlay: emptyOverlay() };
    for (const op of this.journal) st = applyOp(st.doc, st.overlay, op);
    return st.doc;
  }
}
