import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';
import { localeFromLanguages, translate } from './index';

describe('UI strings', () => {
  it('English has exactly the keys of the default Chinese file', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('no string is empty and both languages use the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'start.pages', { pages: 194 })).toBe('194 页');
    expect(translate('en', 'error.not_pdf', { name: 'a.txt' })).toBe('"a.txt" is not a PDF file and cannot be opened.');
    expect(translate('en', 'start.pages')).toBe('{pages} pages');
  });

  it('chooses the locale from browser languages, Chinese by default', () => {
    expect(localeFromLanguages(['en-US', 'zh-CN'])).toBe('en');
    expect(localeFromLanguages(['zh-TW'])).toBe('zh-CN');
    expect(localeFromLanguages(['fr-FR'])).toBe('zh-CN');
  });
});
