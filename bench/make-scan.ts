import { openPdf } from '../main/pdf/read';

/**
 * Turns a text PDF into a scan of it, as a scanner would: each page rendered at `dpi` in grey, turned by `skewDeg`,
 * speckled with noise, JPEG-compressed, and wrapped in a PDF with no text layer (one image per page). Everything in
 * Node (pdf.js, @napi-rs/canvas), so the OCR bench needs no system tools.
 */
export interface ScanOptions {
  dpi: number;
  skewDeg: number;
  /** Share of pixels hit by dark or light specks (0.002 is a dusty scanner glass). */
  noise: number;
  /** JPEG quality, 0–100. */
  quality: number;
  /** Only these pages (1-based); default all. */
  pages?: number[];
}

interface Ctx {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(img: unknown, x: number, y: number): void;
  translate(x: number, y: number): void;
  rotate(a: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  putImageData(d: { data: Uint8ClampedArray }, x: number, y: number): void;
}
interface Canvas {
  getContext(t: '2d'): Ctx;
  encode(format: 'jpeg', quality: number): Promise<Buffer>;
}
interface CanvasMod {
  createCanvas(w: number, h: number): Canvas;
}

export async function makeScan(bytes: Uint8Array, opts: ScanOptions): Promise<Uint8Array> {
  const mod = (await import('@napi-rs/canvas' as string)) as CanvasMod;
  const doc = await openPdf(bytes.slice());
  const images: Array<{ jpeg: Buffer; w: number; h: number; ptW: number; ptH: number }> = [];
  let seed = 20240607;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  try {
    const numbers = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const n of numbers) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: opts.dpi / 72 });
      const w = Math.ceil(viewport.width);
      const h = Math.ceil(viewport.height);
      const flat = mod.createCanvas(w, h);
      const fctx = flat.getContext('2d');
      fctx.fillStyle = '#ffffff';
      fctx.fillRect(0, 0, w, h);
      await page.render({ canvas: flat, canvasContext: fctx, viewport } as unknown as Parameters<typeof page.render>[0])
        .promise;
      const out = mod.createCanvas(w, h);
      const ctx = out.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      ctx.translate(w / 2, h / 2);
      ctx.rotate((opts.skewDeg * Math.PI) / 180);
      ctx.translate(-w / 2, -h / 2);
      ctx.drawImage(flat, 0, 0);
      const img = ctx.getImageData(0, 0, w, h);
      const d = img.data;
      for (let i = 0; i < d.length; i += 4) {
        // Grey, a slightly grey paper, mild sensor noise and specks.
        let v = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29) >> 8;
        v = v * 0.92 + 10 + (rand() - 0.5) * 24;
        const r = rand();
        if (r < opts.noise / 2) v = 40;
        else if (r < opts.noise) v = 250;
        v = Math.max(0, Math.min(255, v));
        d[i] = d[i + 1] = d[i + 2] = v;
      }
      ctx.putImageData(img, 0, 0);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      images.push({ jpeg: await out.encode('jpeg', opts.quality), w, h, ptW: x1 - x0, ptH: y1 - y0 });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return imagesToPdf(images);
}

/** A minimal PDF: one page per JPEG, the image filling the page (DCTDecode, no text). */
export function imagesToPdf(
  images: Array<{ jpeg: Buffer; w: number; h: number; ptW: number; ptH: number }>,
): Uint8Array {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(buf);
    length += buf.length;
  };
  const obj = (id: number, body: () => void) => {
    offsets[id] = length;
    push(`${id} 0 obj\n`);
    body();
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const n = images.length;
  const pageId = (i: number) => 3 + i * 3;
  obj(1, () => push('<< /Type /Catalog /Pages 2 0 R >>'));
  obj(2, () => push(`<< /Type /Pages /Count ${n} /Kids [${images.map((_, i) => `${pageId(i)} 0 R`).join(' ')}] >>`));
  images.forEach((im, i) => {
    const p = pageId(i);
    const w = im.ptW.toFixed(2);
    const h = im.ptH.toFixed(2);
    obj(p, () =>
      push(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${p + 1} 0 R >> >> /Contents ${p + 2} 0 R >>`,
      ),
    );
    obj(p + 1, () => {
      push(
        `<< /Type /XObject /Subtype /Image /Width ${im.w} /Height ${im.h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${im.jpeg.length} >>\nstream\n`,
      );
      push(im.jpeg);
      push('\nendstream');
    });
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    obj(p + 2, () => push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`));
  });
  const xref = length;
  const count = 3 + n * 3;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let i = 1; i < count; i++) push(`${String(offsets[i]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(chunks));
}
