import { describe, expect, it, vi } from 'vitest';
import { applyTyped, keyOf, TypeAhead, type Typed } from './typeahead';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const chars = (s: string): Typed[] => [...s].map((ch) => ({ kind: 'char', ch }));

describe('keys typed before the editor is there', () => {
  it('reads characters, Backspace and the keys that end an edit; shortcuts are not typing', () => {
    expect(keyOf(key('3'))).toEqual({ kind: 'char', ch: '3' });
    expect(keyOf(key('Backspace'))).toEqual({ kind: 'backspace' });
    expect(keyOf(key('Enter', { shiftKey: true }))).toEqual({ kind: 'enter', shift: true });
    expect(keyOf(key('z', { ctrlKey: true }))).toBeNull();
    expect(keyOf(key('ArrowDown'))).toBeNull();
  });

  it('applies them in order up to the key that ends the edit', () => {
    expect(applyTyped('4', chars('32.50'))).toEqual({ text: '432.50', end: null, rest: [] });
    expect(applyTyped('5', [...chars('6'), { kind: 'backspace' }, ...chars('7.5')]).text).toBe('57.5');
    const r = applyTyped('1', [...chars('2'), { kind: 'enter', shift: false }, ...chars('34')]);
    expect(r).toEqual({ text: '12', end: { kind: 'enter', shift: false }, rest: chars('34') });
  });

  it('holds keydowns from the window while on, and lets an input have its own', () => {
    const listeners: ((e: KeyboardEvent) => void)[] = [];
    const target = {
      addEventListener: (_: string, l: EventListener) => listeners.push(l as (e: KeyboardEvent) => void),
      removeEventListener: (_: string, l: EventListener) => listeners.splice(listeners.indexOf(l as never), 1),
    };
    const ta = new TypeAhead(target as never);
    const fire = (k: string, tagName = 'DIV') => {
      const e = { ...key(k), target: { tagName }, preventDefault: vi.fn(), stopImmediatePropagation: vi.fn() };
      for (const l of [...listeners]) l(e as never);
      return e;
    };
    ta.start();
    expect(fire('3').preventDefault).toHaveBeenCalled();
    fire('2');
    expect(ta.take()).toEqual(chars('32'));
    expect(listeners).toHaveLength(0);
    ta.start();
    const inInput = fire('9', 'INPUT');
    expect(inInput.preventDefault).not.toHaveBeenCalled();
    expect(ta.holding).toBe(false);
    expect(ta.take()).toEqual([]);
  });
});
