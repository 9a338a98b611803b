import type { ClipboardEvent } from 'react';

/**
 * Selecting page text as pdf.js's viewer does (its TextLayerBuilder, which needs pdf.js's whole viewer): each text
 * layer ends in an `endOfContent` block; while a selection is being made it is stretched over the layer and moved
 * next to the selection's moving end, so dragging across the gaps between glyph spans extends the selection along
 * the line instead of jumping to whatever text comes next in the page's content order.
 */
const layers = new Map<HTMLElement, HTMLElement>();
let listening: AbortController | null = null;
let prevRange: Range | null = null;

function reset(end: HTMLElement, layer: HTMLElement): void {
  layer.append(end);
  end.style.width = '';
  end.style.height = '';
  layer.classList.remove('selecting');
}

function onSelectionChange(): void {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0) {
    layers.forEach(reset);
    return;
  }
  const active = new Set<HTMLElement>();
  for (let i = 0; i < selection.rangeCount; i++) {
    const range = selection.getRangeAt(i);
    for (const layer of layers.keys()) if (!active.has(layer) && range.intersectsNode(layer)) active.add(layer);
  }
  for (const [layer, end] of layers) {
    if (active.has(layer)) layer.classList.add('selecting');
    else reset(end, layer);
  }
  const range = selection.getRangeAt(0);
  const modifyStart =
    prevRange !== null &&
    (range.compareBoundaryPoints(Range.END_TO_END, prevRange) === 0 ||
      range.compareBoundaryPoints(Range.START_TO_END, prevRange) === 0);
  let anchor: Node | null = modifyStart ? range.startContainer : range.endContainer;
  if (anchor?.nodeType === Node.TEXT_NODE) anchor = anchor.parentNode;
  const parent = (anchor as HTMLElement | null)?.parentElement;
  const layer = parent?.closest<HTMLElement>('.textLayer');
  const end = layer ? layers.get(layer) : undefined;
  if (end && layer && anchor && parent) {
    end.style.width = `${layer.offsetWidth}px`;
    end.style.height = `${layer.offsetHeight}px`;
    parent.insertBefore(end, modifyStart ? anchor : anchor.nextSibling);
  }
  prevRange = range.cloneRange();
}

function listen(): void {
  if (listening) return;
  listening = new AbortController();
  const { signal } = listening;
  let pointerDown = false;
  document.addEventListener('pointerdown', () => (pointerDown = true), { signal });
  const resetAll = () => {
    pointerDown = false;
    layers.forEach(reset);
  };
  document.addEventListener('pointerup', resetAll, { signal });
  window.addEventListener('blur', resetAll, { signal });
  document.addEventListener('keyup', () => pointerDown || layers.forEach(reset), { signal });
  document.addEventListener('selectionchange', onSelectionChange, { signal });
}

/** Makes a rendered text layer selectable as above; returns the function that forgets it. */
export function enableSelection(layer: HTMLElement): () => void {
  const end = document.createElement('div');
  end.className = 'endOfContent';
  layer.append(end);
  layer.addEventListener('mousedown', () => layer.classList.add('selecting'));
  layers.set(layer, end);
  listen();
  return () => {
    layers.delete(layer);
    if (layers.size === 0) {
      listening?.abort();
      listening = null;
      prevRange = null;
    }
  };
}

/**
 * Copied page text in ordinary characters: producers embed CJK through fonts whose code points are Kangxi radicals
 * (⽀ ⼊ ⼀ for 支 入 一), CJK radical supplements or compatibility ideographs; those are mapped to the ideographs
 * they stand for. Full-width punctuation and digits stay as printed (a Chinese text keeps its ，and （）).
 */
const RADICAL_FORMS = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/gu;

export function normalizedCopy(text: string): string {
  return text.replace(RADICAL_FORMS, (c) => c.normalize('NFKC')).replace(/\u00a0/gu, ' ');
}

export function onCopyPageText(e: ClipboardEvent<HTMLElement>): void {
  const sel = window.getSelection();
  const text = sel?.toString() ?? '';
  if (!text || !sel?.anchorNode || !e.currentTarget.contains(sel.anchorNode)) return;
  e.clipboardData.setData('text/plain', normalizedCopy(text));
  e.preventDefault();
}
