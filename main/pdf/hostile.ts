/**
 * Crafted PDFs that attack the reader, for tests and bench:hostile (built in memory, nothing on disk).
 */

/** A PDF header followed by `mb` MB of zeros: pdfjs finds no cross-reference table and indexes "every object". */
export function zerosPdf(mb: number): Uint8Array {
  const head = new TextEncoder().encode('%PDF-1.7\n');
  const out = new Uint8Array(head.length + Math.round(mb * 1048576));
  out.set(head);
  return out;
}

/** A well-formed PDF whose page tree holds `count` pages (each a reference to one page object). */
export function hugePageTreePdf(count: number): Uint8Array {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${'3 0 R '.repeat(count)}] /Count ${count} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
