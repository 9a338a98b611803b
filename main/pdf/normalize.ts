/**
 * CJK Radicals Supplement code points that PDF producers emit for ordinary characters (the glyph is shared); NFKC
 * leaves these alone (unlike Kangxi radicals), so they are mapped to the character they stand for.
 */
const RADICALS: Record<string, string> = {
  '\u2E80': '冫',
  '\u2E81': '厂',
  '\u2E84': '乙',
  '\u2E85': '亻',
  '\u2E86': '冂',
  '\u2E87': '几',
  '\u2E88': '刀',
  '\u2E89': '刂',
  '\u2E8A': '卜',
  '\u2E8B': '卩',
  '\u2E8C': '小',
  '\u2E8D': '小',
  '\u2E8E': '兀',
  '\u2E8F': '尢',
  '\u2E90': '尢',
  '\u2E91': '尢',
  '\u2E92': '巳',
  '\u2E93': '幺',
  '\u2E94': '彑',
  '\u2E95': '彐',
  '\u2E96': '忄',
  '\u2E97': '心',
  '\u2E98': '扌',
  '\u2E99': '攵',
  '\u2E9B': '旡',
  '\u2E9C': '日',
  '\u2E9D': '月',
  '\u2E9F': '母',
  '\u2EA0': '民',
  '\u2EA1': '氵',
  '\u2EA2': '氺',
  '\u2EA3': '灬',
  '\u2EA4': '爫',
  '\u2EA5': '爫',
  '\u2EA7': '牛',
  '\u2EA8': '犭',
  '\u2EA9': '王',
  '\u2EAA': '疋',
  '\u2EAB': '罒',
  '\u2EAC': '示',
  '\u2EAD': '礻',
  '\u2EAE': '竹',
  '\u2EB1': '罒',
  '\u2EB2': '罒',
  '\u2EB3': '网',
  '\u2EB6': '羊',
  '\u2EB7': '羊',
  '\u2EB9': '耂',
  '\u2EBB': '聿',
  '\u2EBC': '月',
  '\u2EBF': '艹',
  '\u2EC1': '虎',
  '\u2EC2': '衤',
  '\u2EC3': '襾',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC8': '讠',
  '\u2EC9': '贝',
  '\u2ECA': '足',
  '\u2ECB': '车',
  '\u2ECC': '辶',
  '\u2ECD': '辶',
  '\u2ECF': '阝',
  '\u2ED1': '長',
  '\u2ED2': '镸',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED6': '阝',
  '\u2ED7': '雨',
  '\u2ED8': '青',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDD': '食',
  '\u2EDE': '食',
  '\u2EDF': '飠',
  '\u2EE0': '饣',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE7': '卤',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEA': '黾',
  '\u2EEB': '齐',
  '\u2EEC': '齐',
  '\u2EED': '齿',
  '\u2EEF': '龙',
  '\u2EF0': '龙',
  '\u2EF2': '龟',
  '\u2EF3': '龟',
};

/**
 * Kangxi radicals decompose (NFKC) to traditional forms; in simplified-Chinese documents the glyph stood for the
 * simplified character, so those few are mapped on.
 */
const KANGXI_SIMPLIFIED: Record<string, string> = {
  '\u2F3E': '户',
  '\u2F92': '见',
  '\u2F99': '贝',
  '\u2F9E': '车',
  '\u2FA7': '长',
  '\u2FA8': '门',
  '\u2FB1': '韦',
  '\u2FB4': '页',
  '\u2FB5': '风',
  '\u2FB6': '飞',
  '\u2FBA': '马',
  '\u2FC2': '鱼',
  '\u2FC3': '鸟',
  '\u2FC6': '麦',
  '\u2FC8': '黄',
  '\u2FD1': '齐',
  '\u2FD2': '齿',
  '\u2FD3': '龙',
  '\u2FD4': '龟',
};

/** Text as the engine compares and stores it: NFKC (Kangxi radicals, full-width forms) plus radical fix-ups. */
/** Chinese characters and full-width punctuation: spaces between two of them are justification, not text. */
const SPACED_CJK =
  /(?<=[\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF01-\uFF60、，。：；“”（）《》])[ \t\u00A0\u3000]+(?=[\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF01-\uFF60、，。：；“”（）《》])/gu;

export function normalizeText(s: string): string {
  return (
    s
      .replace(/[\u2F00-\u2FDF]/gu, (ch) => KANGXI_SIMPLIFIED[ch] ?? ch)
      .normalize('NFKC')
      .replace(/[\u2E80-\u2EFF]/gu, (ch) => RADICALS[ch] ?? ch)
      // Justified text (WPS, Word) spaces every character of a line: "财 政 拨款 收 入" is 财政拨款收入.
      .replace(SPACED_CJK, '')
  );
}
