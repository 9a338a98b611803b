/**
 * Test helper: writes real PDFs of budget tables in layouts the corpus lacks (split 类/款/项 code columns, 元 with
 * thousands separators, partial rulings, three-row merged headers, continued tables with running page headers,
 * landscape and rotated pages). Chinese text uses the non-embedded STSong-Light with UniGB-UCS2-H (read through the
 * bundled CMaps, as older government PDFs do), ASCII-only text Helvetica — the same fonts as bench/ui.ts's writer.
 */

export interface SynthPage {
  width: number;
  height: number;
  /** /Rotate of the page (0, 90, 180, 270). */
  rotate?: number;
  content: string;
}

const ucs2 = (s: string) =>
  Array.from(s)
    .map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0'))
    .join('');

const ascii = (s: string) => /^[\x20-\x7e]*$/u.test(s);

/** Helvetica advance widths (per 1000 em) for what amounts use; CJK glyphs are one em. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) {
    if (!ascii(ch)) w += 1000;
    else if (/\d/u.test(ch)) w += 556;
    else if (ch === ',' || ch === '.' || ch === ' ') w += 278;
    else if (ch === '-') w += 333;
    else w += 556;
  }
  return (w * size) / 1000;
}

/** Content-stream text at (x, y) (baseline), CJK in STSong-Light, ASCII in Helvetica. */
export function text(s: string, x: number, y: number, size = 9): string {
  const esc = s.replace(/[\\()]/gu, (c) => `\\${c}`);
  if (ascii(s)) return `BT /F2 ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td (${esc}) Tj ET\n`;
  return `BT /F1 ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td <${ucs2(s)}> Tj ET\n`;
}

export function line(x0: number, y0: number, x1: number, y1: number): string {
  return `${x0.toFixed(2)} ${y0.toFixed(2)} m ${x1.toFixed(2)} ${y1.toFixed(2)} l S\n`;
}

/** A page's content turned by `deg` (90: the drawing, made for a width × height page, is turned to read upright
 * when the page is shown with /Rotate 90 on a height × width MediaBox). */
export function turned(content: string, width: number): string {
  // Shown rotated 90° clockwise, user space must be turned 90° counter-clockwise: (x, y) → (−y + W', x) with W' the
  // MediaBox width (= the drawing's height).
  return `q 0 1 -1 0 ${width} 0 cm\n${content}Q\n`;
}

/**
 * A table drawn on a page. `cells[r][c]` is the printed text; "<" marks a position merged into the cell on its left,
 * "^" one merged into the cell above. `header` rows are centred, body text is left-aligned and amounts right-aligned.
 * Rulings: 'full' (every cell), 'horizontal' (a rule under every row and over the first, no vertical lines), 'frame'
 * (outer frame and the header's own rules only), 'none'.
 */
export interface TableSpec {
  xs: number[];
  top: number;
  rowH: number;
  header: number;
  cells: string[][];
  rulings: 'full' | 'horizontal' | 'frame' | 'none';
  size?: number;
}

interface Span {
  r: number;
  c: number;
  rs: number;
  cs: number;
  text: string;
}

function spans(cells: string[][]): Span[] {
  const out: Span[] = [];
  cells.forEach((row, r) =>
    row.forEach((t, c) => {
      if (t === '<' || t === '^') return;
      let cs = 1;
      while (row[c + cs] === '<') cs++;
      let rs = 1;
      while (cells[r + rs]?.[c] === '^') rs++;
      out.push({ r, c, rs, cs, text: t });
    }),
  );
  return out;
}

const isAmount = (t: string) => /^[-+(]?[\d,]+(?:\.\d+)?\)?$/u.test(t) || /^[—–-]+$/u.test(t);

export function table(spec: TableSpec): string {
  const { xs, top, rowH, header, cells, rulings } = spec;
  const size = spec.size ?? 9;
  const y = (r: number) => top - r * rowH;
  const left = xs[0]!;
  const right = xs[xs.length - 1]!;
  const bottom = y(cells.length);
  let s = '0.5 w\n';
  const all = spans(cells);
  const drawCellBorders = (sp: Span) => {
    const x0 = xs[sp.c]!;
    const x1 = xs[sp.c + sp.cs]!;
    const t = y(sp.r);
    const b = y(sp.r + sp.rs);
    s += line(x0, t, x1, t) + line(x0, b, x1, b) + line(x0, b, x0, t) + line(x1, b, x1, t);
  };
  if (rulings === 'full') for (const sp of all) drawCellBorders(sp);
  else if (rulings === 'horizontal') for (let r = 0; r <= cells.length; r++) s += line(left, y(r), right, y(r));
  else if (rulings === 'frame') {
    for (const sp of all) if (sp.r < header) drawCellBorders(sp);
    s += line(left, top, right, top) + line(left, bottom, right, bottom);
    s += line(left, bottom, left, top) + line(right, bottom, right, top);
  }
  for (const sp of all) {
    if (!sp.text) continue;
    const x0 = xs[sp.c]!;
    const x1 = xs[sp.c + sp.cs]!;
    // "\n" breaks a cell's text into lines, centred as a block.
    const lines = sp.text.split('\n');
    const lead = size * 1.25;
    const block = size + lead * (lines.length - 1);
    lines.forEach((ln, i) => {
      const base = y(sp.r + sp.rs) + (sp.rs * rowH - block) / 2 + size * 0.15 + lead * (lines.length - 1 - i);
      const w = textWidth(ln, size);
      let x: number;
      if (sp.r < header) x = (x0 + x1 - w) / 2;
      else if (isAmount(ln)) x = x1 - 3 - w;
      else x = x0 + 3;
      s += text(ln, x, base, size);
    });
  }
  return s;
}

/** A PDF of the given pages, sharing the two fonts. */
export function pdfBytes(pages: SynthPage[]): Uint8Array {
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // pages, below
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const kids: number[] = [];
  for (const p of pages) {
    const pageNo = objects.length + 1;
    kids.push(pageNo);
    const rotate = p.rotate ? ` /Rotate ${p.rotate}` : '';
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${p.width} ${p.height}]${rotate} /Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents ${pageNo + 1} 0 R >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(p.content, 'latin1')} >>\nstream\n${p.content}endstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return new Uint8Array(pdfFile(objects));
}

/** A PDF of the given objects, numbered from 1 (the first is the catalog), with a correct cross-reference table. */
export function pdfFile(objects: string[], trailerExtra = ''): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
