/**
 * Keys typed while the grid's editor is on its way (issue 13: "432.50" typed fast became "4.50"). The first key
 * starts the edit, but the editor is a React component the grid mounts a moment later; until its input has focus,
 * the keys that follow land on the grid's cell, which drops them. From the first key on, the keys are held here, in
 * order, and the editor takes them when it mounts — characters, Backspace, and the key that ends the edit.
 */
export type Typed =
  | { kind: 'char'; ch: string }
  | { kind: 'backspace' }
  | { kind: 'enter'; shift: boolean }
  | { kind: 'tab'; shift: boolean }
  | { kind: 'escape' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

/** What a keydown means to a cell being typed into; null for keys that are not typing (arrows, shortcuts). */
export function keyOf(e: KeyLike): Typed | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  if (e.key.length === 1) return { kind: 'char', ch: e.key };
  if (e.key === 'Backspace') return { kind: 'backspace' };
  if (e.key === 'Enter') return { kind: 'enter', shift: e.shiftKey };
  if (e.key === 'Tab') return { kind: 'tab', shift: e.shiftKey };
  if (e.key === 'Escape') return { kind: 'escape' };
  return null;
}

/** `keys` typed at the end of `text`, up to the first key that ends the edit; what came after it is `rest`. */
export function applyTyped(text: string, keys: readonly Typed[]): { text: string; end: Typed | null; rest: Typed[] } {
  let out = text;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k.kind === 'char') out += k.ch;
    else if (k.kind === 'backspace') out = [...out].slice(0, -1).join('');
    else return { text: out, end: k, rest: keys.slice(i + 1) };
  }
  return { text: out, end: null, rest: [] };
}

/** How long keys are held for an editor that never comes (a read-only cell, a refused start). */
const HOLD_MS = 1500;

export class TypeAhead {
  private keys: Typed[] = [];
  private on = false;
  /** Held even from an input: the editor that had focus is closing and must not take the next cell's keys. */
  private fromInputs = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'>) {}

  private readonly listener = (e: KeyboardEvent) => {
    if (!this.on) return;
    const el = e.target as { tagName?: string } | null;
    // Once an input has focus (the editor is there), it takes its keys itself.
    if (!this.fromInputs && el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) {
      this.stop();
      return;
    }
    const k = keyOf(e);
    if (!k) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.keys.push(k);
  };

  get holding(): boolean {
    return this.on;
  }

  /**
   * Starts holding keys (after the key that starts an edit has been seen); `keys` are held first. `fromInputs`: also
   * the keys an input would get (an editor is closing on Enter and the next cell's editor is not there yet).
   */
  start(keys: readonly Typed[] = [], fromInputs = false): void {
    this.keys.push(...keys);
    this.fromInputs = this.fromInputs || fromInputs;
    if (!this.on) {
      this.on = true;
      this.target.addEventListener('keydown', this.listener as EventListener, true);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.keys = [];
      this.stop();
    }, HOLD_MS);
  }

  /** The keys held so far, in order; holding ends. */
  take(): Typed[] {
    const k = this.keys;
    this.keys = [];
    this.stop();
    return k;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.fromInputs = false;
    if (!this.on) return;
    this.on = false;
    this.target.removeEventListener('keydown', this.listener as EventListener, true);
  }
}
