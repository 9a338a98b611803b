import { describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServices, type ServicePorts } from './index';
import type { ExtractedDocument } from '../../shared/model';

const doc: ExtractedDocument = {
  source: { file: 'a.pdf', sha256: 'a'.repeat(64), pages: 1 },
  meta: { department: null, unitCode: null, year: 2024, kind: 'budget', moneyUnit: '万元', units: [] },
  tables: [],
  findings: [],
};
const info = { docId: 'a'.repeat(64), name: 'a.pdf', size: 9, pages: 1 };

function ports(over: Partial<ServicePorts> = {}): ServicePorts {
  const saved = new Map<string, ExtractedDocument>();
  return {
    dataDir: mkdtempSync(path.join(tmpdir(), 'svc-')),
    transport: 'web',
    version: '1.0.0',
    samplePath: null,
    store: {
      importPdf: vi.fn(async () => info),
      pdfBytes: vi.fn(async () => new Uint8Array([37, 80, 68, 70, 45])),
      recent: vi.fn(async () => []),
      getExtraction: vi.fn(async (id: string) => saved.get(id) ?? null),
      saveExtraction: vi.fn(async (id: string, d: ExtractedDocument) => void saved.set(id, d)),
      load: vi.fn(),
      apply: vi.fn(async () => ({ seq: 1 })),
      signOff: vi.fn(),
      reopen: vi.fn(),
      current: vi.fn(async () => ({ doc })),
    } as unknown as ServicePorts['store'],
    extract: vi.fn(async (_b, o) => {
      o.onProgress?.({ stage: 'reading', done: 1, total: 2 });
      return doc;
    }),
    extractRegion: vi.fn(),
    validate: vi.fn(() => []),
    buildExport: vi.fn(),
    ...over,
  };
}

const ctx = () => ({ emit: vi.fn() });

describe('services', () => {
  it('refuses bytes that are not a PDF, and empty files, before storing anything', async () => {
    const p = ports();
    const s = createServices(p);
    await expect(
      s['document.openBytes']({ name: 'x.docx', bytes: new TextEncoder().encode('PK\u0003\u0004') }, ctx()),
    ).rejects.toMatchObject({
      code: 'not_pdf',
    });
    await expect(s['document.openBytes']({ name: 'e.pdf', bytes: new Uint8Array() }, ctx())).rejects.toMatchObject({
      code: 'empty_file',
    });
    expect(p.store.importPdf).not.toHaveBeenCalled();
  });

  it('says which file is missing', async () => {
    const s = createServices(ports({ transport: 'electron', pathAllowed: () => true }));
    await expect(s['document.openPath']({ path: '/nope/missing.pdf' }, ctx())).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses openPath over HTTP, whatever the path, before touching the disk', async () => {
    const p = ports({ pathAllowed: () => true });
    const s = createServices(p);
    const pdf = path.join(p.dataDir, 'real.pdf');
    writeFileSync(pdf, '%PDF-1.7\n');
    for (const target of [pdf, '/etc/passwd', '/dev/zero'])
      await expect(s['document.openPath']({ path: target }, ctx())).rejects.toMatchObject({
        code: 'path_refused',
        message: expect.stringContaining('upload'),
      });
    expect(p.store.importPdf).not.toHaveBeenCalled();
  });

  it('opens in the desktop app only paths the user chose, or chose before (the recent list)', async () => {
    const chosen = new Set<string>();
    const p = ports({ transport: 'electron', pathAllowed: (f) => chosen.has(f) });
    const s = createServices(p);
    const pdf = path.join(p.dataDir, 'chosen.pdf');
    writeFileSync(pdf, '%PDF-1.7\n');
    await expect(s['document.openPath']({ path: pdf }, ctx())).rejects.toMatchObject({ code: 'path_not_chosen' });
    chosen.add(pdf);
    await expect(s['document.openPath']({ path: pdf }, ctx())).resolves.toEqual(info);
    chosen.clear();
    (p.store.recent as ReturnType<typeof vi.fn>).mockResolvedValue([{ ...info, path: pdf }]);
    await expect(s['document.openPath']({ path: pdf }, ctx())).resolves.toEqual(info);
  });

  it('refuses devices, pipes, folders and files over the size cap before reading them', async () => {
    const p = ports({ transport: 'electron', pathAllowed: () => true, maxPdfBytes: 64 });
    const s = createServices(p);
    const big = path.join(p.dataDir, 'big.pdf');
    writeFileSync(big, '%PDF-1.7\n' + ' '.repeat(100));
    const fifo = path.join(p.dataDir, 'pipe.pdf');
    execFileSync('mkfifo', [fifo]);
    await expect(s['document.openPath']({ path: '/dev/zero' }, ctx())).rejects.toMatchObject({ code: 'not_a_file' });
    await expect(s['document.openPath']({ path: fifo }, ctx())).rejects.toMatchObject({ code: 'not_a_file' });
    await expect(s['document.openPath']({ path: p.dataDir }, ctx())).rejects.toMatchObject({ code: 'not_a_file' });
    await expect(s['document.openPath']({ path: big }, ctx())).rejects.toMatchObject({
      code: 'pdf_too_large',
      message: expect.stringContaining('PDF 过大或结构异常'),
    });
    await expect(
      s['document.openBytes']({ name: 'big.pdf', bytes: new Uint8Array(readFileSync(big)) }, ctx()),
    ).rejects.toMatchObject({ code: 'pdf_too_large' });
    expect(p.store.importPdf).not.toHaveBeenCalled();
  });

  it('checks the PDF before the store keeps a copy, and keeps nothing of a refused one', async () => {
    const checkPdf = vi.fn(async () => {
      throw Object.assign(new Error('PDF 过大或结构异常'), { code: 'pdf_too_large' });
    });
    const p = ports({ checkPdf });
    const s = createServices(p);
    await expect(
      s['document.openBytes']({ name: 'x.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n') }, ctx()),
    ).rejects.toMatchObject({ code: 'pdf_too_large' });
    expect(checkPdf).toHaveBeenCalledTimes(1);
    expect(p.store.importPdf).not.toHaveBeenCalled();
  });

  it('does not tell a page served over HTTP where files are on disk', async () => {
    const p = ports();
    (p.store.recent as ReturnType<typeof vi.fn>).mockResolvedValue([
      { ...info, path: '/home/u/a.pdf', openedAt: 'x', status: 'new' },
    ]);
    expect(await createServices(p)['document.recent']({}, ctx())).toEqual([
      { ...info, path: null, openedAt: 'x', status: 'new' },
    ]);
    const desktop = await createServices({ ...p, transport: 'electron' })['document.recent']({}, ctx());
    expect(desktop[0]!.path).toBe('/home/u/a.pdf');
  });

  it('extracts once, streams progress, validates, and serves the cached result afterwards', async () => {
    const p = ports();
    const s = createServices(p);
    const c = ctx();
    await s['extraction.run']({ docId: info.docId }, c);
    await s['extraction.run']({ docId: info.docId }, c);
    expect(p.extract).toHaveBeenCalledTimes(1);
    expect(p.validate).toHaveBeenCalledTimes(1);
    expect(c.emit).toHaveBeenCalledWith(
      'extraction.progress',
      expect.objectContaining({ stage: 'reading', docId: info.docId }),
    );
    expect(c.emit).toHaveBeenCalledWith('extraction.progress', expect.objectContaining({ stage: 'done' }));
    await s['extraction.run']({ docId: info.docId, force: true }, c);
    expect(p.extract).toHaveBeenCalledTimes(2);
  });

  it('reports a failed extraction as an event and an error', async () => {
    const s = createServices(ports({ extract: vi.fn(async () => Promise.reject(new Error('boom'))) }));
    const c = ctx();
    await expect(s['extraction.run']({ docId: info.docId }, c)).rejects.toThrow('boom');
    expect(c.emit).toHaveBeenCalledWith(
      'extraction.progress',
      expect.objectContaining({ stage: 'failed', message: 'boom' }),
    );
  });

  it('keeps settings across service instances', async () => {
    const p = ports();
    await createServices(p)['settings.set']({ reviewer: '张三', locale: 'en' }, ctx());
    const again = await createServices(p)['settings.get']({}, ctx());
    expect(again).toMatchObject({ reviewer: '张三', locale: 'en', tolerancePerAddend: 0.005 });
  });

  it('gives the store the saved tolerance before it judges a sign-off', async () => {
    const p = ports();
    await createServices(p)['settings.set']({ tolerancePerAddend: 0.02 }, ctx());
    const seen: number[] = [];
    const fresh = createServices({ ...p, onSettings: (st) => seen.push(st.tolerancePerAddend) });
    await fresh['review.signOff']({ docId: info.docId, reviewer: '张三', note: '' }, ctx());
    expect(seen).toEqual([0.02]);
    expect(p.store.signOff).toHaveBeenCalled();
  });

  it('journals edits under the configured reviewer name', async () => {
    const p = ports();
    const s = createServices(p);
    await s['settings.set']({ reviewer: '李四' }, ctx());
    const op = {
      op: 'setTableStatus' as const,
      table: 't1',
      before: 'unreviewed' as const,
      after: 'reviewed' as const,
    };
    await s['review.apply']({ docId: info.docId, op, revision: 1 }, ctx());
    expect(p.store.apply).toHaveBeenCalledWith(info.docId, op, 1, '李四');
  });

  it('leaves dialogs to the desktop app', async () => {
    await expect(createServices(ports())['document.pick']({}, ctx())).rejects.toMatchObject({ code: 'unsupported' });
  });
});
