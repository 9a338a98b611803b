/**
 * Label normalisation for matching headers, row names and narrative subjects the same way whatever the template:
 * NFKC (full-width brackets, Kangxi radicals), no whitespace (wrapped header words "预算拨款收 入"), no quotes.
 */
export function norm(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFKC')
    .replace(/<[^>]*>/gu, '')
    .replace(/[\s\u3000]+/gu, '')
    .replace(/["'“”‘’「」『』]/gu, '');
}

const ORDINAL =
  /^(?:[(（]?[一二三四五六七八九十百]+[)）、.．]|[(（][0-9]+[)）]|[0-9]+[、.．)）](?![0-9])|[①②③④⑤⑥⑦⑧⑨⑩]|其中[:：]?)+/u;

/** A row label without its list prefix ("一、", "(1)", "1.", "其中：", "①"). */
export function stripOrdinal(s: string): string {
  let out = norm(s);
  for (let i = 0; i < 3; i++) {
    const next = out.replace(ORDINAL, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

const CODE_RE = /^(?:\d{3}|\d{5}|\d{7})$/u;

/** A classification code as printed in a code cell, or null ("2010301", "20103"; not "2024", not "1"). */
export function asCode(text: string | null | undefined): string | null {
  const t = norm(text);
  return CODE_RE.test(t) ? t : null;
}

export function levelOf(code: string): 1 | 2 | 3 | null {
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : null;
}

export function isTotalLabel(s: string): boolean {
  const t = stripOrdinal(s);
  return /^(?:合计|总计|小计|本年收入合计|本年支出合计|收入合计|支出合计|收入总计|支出总计|部门合计)$/u.test(t);
}

/** 功能分类 类 by its (stable) name words; used where a table prints 类 names without codes (收支总表). */
const FUNC_CLASSES: [RegExp, string][] = [
  [/国有资本经营预算支出/u, '223'],
  [/一般公共服务/u, '201'],
  [/^外交/u, '202'],
  [/^国防/u, '203'],
  [/公共安全/u, '204'],
  [/^教育/u, '205'],
  [/科学技术/u, '206'],
  [/文化旅游体育与传媒|文化体育与传媒/u, '207'],
  [/社会保障和就业/u, '208'],
  [/社会保险基金/u, '209'],
  [/卫生健康|医疗卫生/u, '210'],
  [/节能环保/u, '211'],
  [/城乡社区/u, '212'],
  [/农林水/u, '213'],
  [/交通运输/u, '214'],
  [/资源勘探/u, '215'],
  [/商业服务业/u, '216'],
  [/^金融/u, '217'],
  [/援助其他地区/u, '219'],
  [/自然资源海洋气象/u, '220'],
  [/住房保障/u, '221'],
  [/粮油物资储备/u, '222'],
  [/灾害防治及应急管理/u, '224'],
  [/^预备费/u, '227'],
  [/^其他支出$/u, '229'],
  [/转移性支出/u, '230'],
  [/债务还本/u, '231'],
  [/债务付息/u, '232'],
  [/债务发行费用/u, '233'],
  [/抗疫特别国债/u, '234'],
];

export function funcClassOfName(name: string): string | null {
  const t = stripOrdinal(name);
  if (!t) return null;
  for (const [re, code] of FUNC_CLASSES) if (re.test(t)) return code;
  return null;
}

/** 部门预算支出经济分类: classes and the 款 the cross-table rules need, for tables that print names only (S3). */
const ECON_NAMES: [RegExp, string][] = [
  [/^工资福利支出$/u, '301'],
  [/^商品和服务支出$/u, '302'],
  [/^对个人和家庭的补助(?:支出)?$/u, '303'],
  [/^债务利息及费用支出$/u, '307'],
  [/^资本性支出\(基本建设\)$/u, '309'],
  [/^资本性支出$/u, '310'],
  [/^对企业补助\(基本建设\)$/u, '311'],
  [/^对企业补助$/u, '312'],
  [/^对社会保障基金补助$/u, '313'],
  [/^其他支出$/u, '399'],
  [/^机关事业单位基本养老保险缴费$/u, '30108'],
  [/^职业年金缴费$/u, '30109'],
  [/^公务员医疗补助缴费$/u, '30111'],
  [/^住房公积金$/u, '30113'],
  [/^因公出国\(境\)费用?$/u, '30212'],
  [/^公务接待费$/u, '30217'],
  [/^公务用车运行维护费$/u, '30231'],
  [/^公务用车购置$/u, '31013'],
];

export function econCodeOfName(name: string): string | null {
  const t = stripOrdinal(name);
  for (const [re, code] of ECON_NAMES) if (re.test(t)) return code;
  return null;
}

/** FNV-1a, 32 bit, as 8 hex digits: short stable ids without platform crypto. */
export function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Explanation text as the narrative rules read it, with where each character came from (the mutation suite edits a
 * figure in place): NFKC (full-width digits, "，" "：" "％"), no Markdown bold, no spaces between CJK characters
 * ("财 政 拨款 收 入" from letter-spaced PDFs), and a figure broken over lines joined again ("1093\n.83万元",
 * "720.\n32 万元", "76.0\n0万元"). Entries are joined with "\n".
 */
export interface PreparedText {
  text: string;
  /** Per character of `text`: index of the entry it came from, −1 for an inserted separator. */
  entry: Int32Array;
  /** Per character of `text`: offset in that entry's original text. */
  offset: Int32Array;
}

const CJK = String.raw`\p{Script=Han}。，、；：？！“”‘’（）《》「」`;
/** Spaces between two CJK characters (the lookbehind/lookahead keep the characters). */
const CJK_SPACE = new RegExp(String.raw`(?<=[${CJK}])[ \t\u3000\u00a0]+(?=[${CJK}])`, 'gu');
/** A line break inside a figure, when the figure then reaches its unit: "1093\n.83万元", "76.0\n0 万元". */
const NUMBER_BREAK = /(?<=[0-9][0-9,]*\.?|\.)[ \t]*\n[ \t]*(?=[0-9,]*\.?[0-9]+[ \t]*(?:\n[ \t]*)?[万亿]?[ \t]*元)/gu;

export function prepareNarrativeText(entries: readonly { text: string }[]): PreparedText {
  let chars: string[] = [];
  let entry: number[] = [];
  let offset: number[] = [];
  entries.forEach((n, i) => {
    if (i > 0) {
      chars.push('\n');
      entry.push(-1);
      offset.push(-1);
    }
    const s = n.text;
    for (let k = 0; k < s.length;) {
      const cp = s.codePointAt(k)!;
      const w = cp > 0xffff ? 2 : 1;
      const c = String.fromCodePoint(cp).normalize('NFKC');
      if (c !== '*')
        for (let u = 0; u < c.length; u++) {
          chars.push(c[u]!);
          entry.push(i);
          offset.push(k);
        }
      k += w;
    }
  });
  for (const re of [CJK_SPACE, NUMBER_BREAK]) {
    const text = chars.join('');
    const drop = new Uint8Array(text.length);
    let hit = false;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      for (let k = m.index; k < m.index + m[0].length; k++) drop[k] = 1;
      hit = hit || m[0].length > 0;
    }
    if (!hit) continue;
    const c3: string[] = [];
    const e3: number[] = [];
    const o3: number[] = [];
    for (let k = 0; k < chars.length; k++) {
      if (drop[k]) continue;
      c3.push(chars[k]!);
      e3.push(entry[k]!);
      o3.push(offset[k]!);
    }
    chars = c3;
    entry = e3;
    offset = o3;
  }
  return { text: chars.join(''), entry: Int32Array.from(entry), offset: Int32Array.from(offset) };
}
