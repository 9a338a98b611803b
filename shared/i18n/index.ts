import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type { MessageKey };
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const messages: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type MessageParams = Record<string, string | number>;

/** Fills {name} placeholders; an unknown placeholder stays visible rather than silently vanishing. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = messages[locale][key] ?? messages[DEFAULT_LOCALE][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** zh* → zh-CN, anything else → en; the product is Chinese first, so no match also means zh-CN. */
export function localeFromLanguages(langs: readonly string[]): Locale {
  for (const l of langs) {
    if (/^zh\b/iu.test(l)) return 'zh-CN';
    if (/^en\b/iu.test(l)) return 'en';
  }
  return DEFAULT_LOCALE;
}
