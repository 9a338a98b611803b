import { z } from 'zod';

/** x0, y0, x1, y1 in PDF user space (origin bottom-left, points), of the text that made the cell. */
export const BBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBoxSchema>;

export const CellSchema = z.object({
  /** Text as printed after normalisation (NFKC, fragments joined); "" for a blank cell. */
  text: z.string(),
  /** Parsed amount; null when blank or not a number. Never an invented 0. */
  value: z.number().nullable(),
  /** 1-based page of the cell's text; null for a cell a reviewer added. */
  page: z.number().int().positive().nullable(),
  bbox: BBoxSchema.nullable(),
  /** 1 when read cleanly; lower where the engine joined, repaired or guessed. */
  confidence: z.number().min(0).max(1),
  /** What the engine did to produce the text (e.g. "joined-lines", "number-repaired"); absent when nothing. */
  repairs: z.array(z.string()).optional(),
  /** Set by review: a reviewer changed the text. */
  corrected: z.boolean().optional(),
  /** Set by review: a reviewer confirmed the cell against the page. */
  confirmed: z.boolean().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const CODE_LEVELS = ['类', '款', '项'] as const;
export const CodeLevelSchema = z.enum(CODE_LEVELS);
export type CodeLevel = z.infer<typeof CodeLevelSchema>;

export const RowSchema = z.object({
  kind: z.enum(['data', 'total']),
  /** Classification code (功能分类 201/20101/2010101 or 经济分类 301/30101); null when the row has none. */
  code: z.string().nullable(),
  level: CodeLevelSchema.nullable(),
  parent: z.string().nullable(),
  /** Row label (科目名称 / 项目), for side-by-side tables the label of the first group. */
  name: z.string().nullable(),
  cells: z.array(CellSchema),
});
export type Row = z.infer<typeof RowSchema>;

export const ColumnRoleSchema = z.enum(['seq', 'code', 'name', 'amount', 'text']);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

/**
 * What a column holds as validation reads it, decided once by extraction: a classification code (or one part of it),
 * a sequence number, the row label, other text, an amount, or the amount column holding the row's total (合计 /
 * a lone 预算数).
 */
export const COLUMN_KINDS = ['seq', 'code', 'name', 'text', 'amount', 'total'] as const;
export const ColumnKindSchema = z.enum(COLUMN_KINDS);
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

export const ColumnSchema = z.object({
  key: z.string(),
  /** Header path joined with " / " (e.g. "本年收入 / 财政拨款收入"). */
  label: z.string(),
  /** The extractor's reading of the cells (which cells parse as amounts, where a row's code and name are). */
  role: ColumnRoleSchema.optional(),
  /** What validation reads the column as; absent in documents saved before it was recorded (then guessed). */
  kind: ColumnKindSchema.optional(),
  /** For a code printed over 类 | 款 | 项 columns, the part this column holds (类 on the column the code starts in). */
  codePart: CodeLevelSchema.optional(),
});
export type Column = z.infer<typeof ColumnSchema>;

/** Standard table types (DOMAIN.md §1, §6); anything else is kept as `other`. */
export const TABLE_TYPES = [
  'income_expense_summary', // 收支总表 / 收入支出决算总表
  'income', // 收入总表 / 收入决算表
  'expenditure', // 支出总表 / 支出决算表
  'fiscal_summary', // 财政拨款收支总表
  'gpb_exp', // 一般公共预算(财政拨款)支出表
  'gpb_basic_econ', // 一般公共预算基本支出(经济分类)表
  'gpb_econ_all', // 一般公共预算支出经济分类情况表 (all GPB)
  'gf_income', // 政府性基金预算收入表
  'gf', // 政府性基金预算(财政拨款)支出表
  'soe', // 国有资本经营预算支出表
  'three_public', // "三公"经费
  'op_cost', // 机关运行经费
  'procurement', // 政府采购
  'assets', // 国有资产 / 固定资产占用
  'project', // 项目支出表
  'performance', // 绩效目标表 / 绩效自评表
  'other',
] as const;
export const TableTypeSchema = z.enum(TABLE_TYPES);
export type TableType = z.infer<typeof TableTypeSchema>;

export const MoneyUnitSchema = z.enum(['万元', '元']);
export type MoneyUnit = z.infer<typeof MoneyUnitSchema>;

export const TableSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: TableTypeSchema,
  /** Printed number, e.g. "公开02表", "预算公开表1", "一"; null when none is printed. */
  number: z.string().nullable(),
  moneyUnit: MoneyUnitSchema.nullable(),
  /** Sub-unit the table belongs to, when the document holds several. */
  unitCode: z.string().nullable().optional(),
  unitName: z.string().nullable().optional(),
  /** The department its label line names (编制部门：…, 部门：…, 主管部门：…), when printed over the table. */
  department: z.string().nullable().optional(),
  pages: z.array(z.number().int().positive()),
  /** Header rows as printed (spanning cells repeated in the positions they cover). */
  header: z.array(z.array(z.string())),
  columns: z.array(ColumnSchema),
  rows: z.array(RowSchema),
  /** True when the table prints no data; `emptyNote` carries the printed explanation. */
  empty: z.boolean().optional(),
  emptyNote: z.string().nullable().optional(),
  /** How the grid was found. */
  method: z.enum(['lattice', 'stream', 'manual']).optional(),
  /** Region per page (PDF user space) the table occupies. */
  regions: z.array(z.object({ page: z.number().int().positive(), bbox: BBoxSchema })).optional(),
});
export type Table = z.infer<typeof TableSchema>;

export const UnitSchema = z.object({ code: z.string().nullable(), name: z.string() });
export type Unit = z.infer<typeof UnitSchema>;

export const DocumentMetaSchema = z.object({
  department: z.string().nullable(),
  unitCode: z.string().nullable(),
  year: z.number().int().nullable(),
  kind: z.enum(['budget', 'final']).nullable(),
  moneyUnit: MoneyUnitSchema.nullable(),
  units: z.array(UnitSchema),
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const SourceSchema = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().nonnegative(),
});
export type Source = z.infer<typeof SourceSchema>;

/** Running text outside tables (说明, headings), kept for narrative checks (N1/N2). */
export const NarrativeSchema = z.object({
  page: z.number().int().positive(),
  text: z.string(),
  bbox: BBoxSchema.nullable().optional(),
});
export type Narrative = z.infer<typeof NarrativeSchema>;

export const PageInfoSchema = z.object({
  page: z.number().int().positive(),
  width: z.number(),
  height: z.number(),
  /** False for image-only pages (scans): nothing can be read there without OCR. */
  hasText: z.boolean(),
});
export type PageInfo = z.infer<typeof PageInfoSchema>;

export const SEVERITIES = ['error', 'warning', 'rounding', 'info'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** A cell reference by the indices of the extraction JSON. row/col may be -1 for "whole row/table". */
export const CellRefSchema = z.object({ table: z.string(), row: z.number().int(), col: z.number().int() });
export type CellRef = z.infer<typeof CellRefSchema>;

export const FindingSchema = z.object({
  /** Stable across re-validation of the same situation (rule + refs), so waivers survive edits elsewhere. */
  id: z.string(),
  rule: z.string(),
  severity: SeveritySchema,
  message: z.object({ zh: z.string(), en: z.string() }),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  difference: z.number().nullable(),
  tolerance: z.number().nullable().optional(),
  refs: z.array(CellRefSchema),
});
export type Finding = z.infer<typeof FindingSchema>;

export const ExtractedDocumentSchema = z.object({
  source: SourceSchema,
  meta: DocumentMetaSchema,
  tables: z.array(TableSchema),
  findings: z.array(FindingSchema),
  narrative: z.array(NarrativeSchema).optional(),
  pageInfo: z.array(PageInfoSchema).optional(),
  /** Problems reading the document itself (image-only pages, unreadable fonts…), in plain words. */
  notices: z.array(z.object({ page: z.number().int().nullable(), code: z.string(), message: z.string() })).optional(),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocumentSchema>;
