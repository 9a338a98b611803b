import { createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCellOp, type ExtractedDocument } from '../../shared/model';
import { WorkspaceStore } from '../review/workspaces';
import { fakePdf, sampleDocument, sampleFinding } from '../review/testing/sample-document';
import { run, type ExportDeps } from './export';
import { run as verify } from './verify';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'brw-cli-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function sink() {
  let text = '';
  return {
    write: (s: string) => ((text += s), true),
    get text() {
      return text;
    },
  };
}

function deps(
  extracted: string[],
): Partial<ExportDeps> & { stdout: ReturnType<typeof sink>; stderr: ReturnType<typeof sink> } {
  return {
    extract: async (bytes: Uint8Array, file: string): Promise<ExtractedDocument> => {
      extracted.push(path.basename(file));
      return sampleDocument(bytes);
    },
    validate: (doc) => (doc.tables[0]!.rows[0]!.cells[2]!.value === 10 ? [sampleFinding('f1')] : []),
    stdout: sink(),
    stderr: sink(),
    env: {},
  };
}

describe('budget-review export', () => {
  it('exports a folder, applying a saved review and extracting the rest, with a summary table', async () => {
    const src = path.join(tmp, 'in');
    const dataDir = path.join(tmp, 'data');
    mkdirSync(path.join(src, 'sub'), { recursive: true });
    writeFileSync(path.join(src, 'a.pdf'), fakePdf('a'));
    writeFileSync(path.join(src, 'sub', 'a.pdf'), fakePdf('other a'));
    writeFileSync(path.join(src, 'notes.txt'), 'not a pdf');
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await store.importPdf(fakePdf('a'), 'a.pdf', null);
    await store.saveExtraction(docId, sampleDocument(fakePdf('a')));
    const { doc } = await store.current(docId);
    await store.apply(docId, setCellOp(doc, 't1', 0, 2, '15.00'), 1, 'Li');

    const extracted: string[] = [];
    const d = deps(extracted);
    const out = path.join(tmp, 'out');
    const code = await run([src, '--format', 'json', '--out', out, '--data-dir', dataDir], d);
    expect(code).toBe(0);
    expect(extracted).toEqual(['a.pdf']);
    const reviewed = JSON.parse(readFileSync(path.join(out, 'a.json'), 'utf8'));
    expect(reviewed.current.tables[0].rows[0].cells[2].text).toBe('15.00');
    expect(reviewed.findings).toEqual([]);
    const fresh = JSON.parse(readFileSync(path.join(out, 'sub', 'a.json'), 'utf8'));
    expect(fresh.current.tables[0].rows[0].cells[2].text).toBe('10.00');
    expect(fresh.findings.map((f: { id: string }) => f.id)).toEqual(['f1']);
    const lines = d.stdout.text.split('\n');
    expect(lines[0]).toMatch(/^file\s+tables\s+errors\s+warnings\s+review\s+result$/);
    expect(lines.find((l) => l.startsWith('a.pdf'))).toMatch(/^a\.pdf\s+2\s+0\s+0\s+1 edit\(s\) r1\s+.*a\.json$/);
    expect(lines.find((l) => l.startsWith('sub'))).toMatch(/\s+2\s+1\s+0\s+none\s+/);
    expect(d.stdout.text).toMatch(/2 of 2 exported as json\./);
    expect(d.stderr.text).toBe('');
  });

  it('draws a progress bar on a terminal only', async () => {
    writeFileSync(path.join(tmp, 'a.pdf'), fakePdf('a'));
    const d = deps([]);
    const tty = Object.assign(sink(), { isTTY: true, columns: 80 });
    await run(
      [path.join(tmp, 'a.pdf'), '--format', 'csv', '--out', path.join(tmp, 'a.csv'), '--data-dir', path.join(tmp, 'd')],
      { ...d, stderr: tty },
    );
    expect(tty.text).toMatch(/\[\.+\] 0\/1 a\.pdf/);
    expect(existsSync(path.join(tmp, 'a.csv'))).toBe(true);
  });

  it('says plainly when the target cannot be written, leaves no partial file, and fails', async () => {
    writeFileSync(path.join(tmp, 'a.pdf'), fakePdf('a'));
    writeFileSync(path.join(tmp, 'blocker'), 'a file where a folder should be');
    const d = deps([]);
    const code = await run(
      [
        path.join(tmp, 'a.pdf'),
        '--format',
        'xlsx',
        '--out',
        path.join(tmp, 'blocker', 'a.xlsx'),
        '--data-dir',
        path.join(tmp, 'd'),
      ],
      d,
    );
    expect(code).toBe(1);
    expect(d.stdout.text).toMatch(
      /FAILED: cannot write .*blocker\/a\.xlsx: part of the path is a file, not a folder \((ENOTDIR|EEXIST)\)/,
    );
    expect(readdirSync(tmp).sort()).toEqual(['a.pdf', 'blocker']);
  });

  it('refuses bad usage with exit code 2', async () => {
    const d = deps([]);
    expect(await run(['x.pdf', '--format', 'xml', '--out', 'y'], d)).toBe(2);
    expect(await run([path.join(tmp, 'missing.pdf'), '--out', 'y'], d)).toBe(2);
    expect(d.stderr.text).toMatch(/--format must be one of xlsx, csv, json/);
  });
});

describe('budget-review verify', () => {
  it('exits 0 for a valid signed export and 1 listing the changed cell', async () => {
    const dataDir = path.join(tmp, 'data');
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await store.importPdf(fakePdf('v'), 'v.pdf', null);
    await store.saveExtraction(docId, sampleDocument(fakePdf('v')));
    await store.signOff(docId, '李审', '');
    writeFileSync(path.join(tmp, 'v.pdf'), fakePdf('v'));
    const out = path.join(tmp, 'v.json');
    expect(
      await run([path.join(tmp, 'v.pdf'), '--format', 'json', '--out', out, '--data-dir', dataDir], deps([])),
    ).toBe(0);
    const io = { stdout: sink(), stderr: sink() };
    expect(await verify([out, '--data-dir', dataDir], io)).toBe(0);
    expect(io.stdout.text).toMatch(/VALID \(json\)\n  signed off by 李审/);
    const original = readFileSync(out, 'utf8');
    const json = JSON.parse(original);
    json.current.tables[0].rows[1].cells[4].text = '9.00';
    writeFileSync(out, JSON.stringify(json));
    const io2 = { stdout: sink(), stderr: sink() };
    expect(await verify([out, '--data-dir', dataDir], io2)).toBe(1);
    expect(io2.stdout.text).toMatch(
      /INVALID[\s\S]*FAIL dataset hash[\s\S]*row 2 \[2010202 项目2\], column 5 "本年支出 \/ 项目支出": text was "8\.00" when signed, now "9\.00"/,
    );
    const io3 = { stdout: sink(), stderr: sink() };
    expect(await verify([out, '--public-key', 'MCowBQYDK2VwAyEA' + 'A'.repeat(43) + '='], io3)).toBe(1);
    expect(io3.stdout.text).toMatch(/FAIL trusted key/);
    // Keys named with --trust (repeatable; the .pub file as written, or PEM) are trusted beside the data dir's own.
    const signer = readFileSync(path.join(dataDir, 'keys', 'signing-ed25519.pub'), 'utf8').trim();
    const pem = createPublicKey({ key: Buffer.from(signer, 'base64'), format: 'der', type: 'spki' }).export({
      format: 'pem',
      type: 'spki',
    });
    writeFileSync(path.join(tmp, 'other.pub'), `${'MCowBQYDK2VwAyEA' + 'A'.repeat(43) + '='}\n`);
    writeFileSync(path.join(tmp, 'signer.pem'), pem);
    writeFileSync(out, original);
    const io4 = { stdout: sink(), stderr: sink(), env: {} };
    const trustArgs = ['--trust', path.join(tmp, 'other.pub'), `--trust=${path.join(tmp, 'signer.pem')}`];
    expect(await verify([out, '--data-dir', path.join(tmp, 'nowhere'), ...trustArgs], io4)).toBe(0);
    const io5 = { stdout: sink(), stderr: sink(), env: {} };
    expect(
      await verify([out, '--data-dir', path.join(tmp, 'nowhere'), '--trust', path.join(tmp, 'other.pub')], io5),
    ).toBe(1);
    expect(io5.stdout.text).toMatch(/signed by an unknown key .* not among the 1 trusted key/);
    const io6 = { stdout: sink(), stderr: sink() };
    expect(await verify([out, '--trust', path.join(tmp, 'v.json')], io6)).toBe(2);
    expect(io6.stderr.text).toMatch(/--trust .*v\.json is not a public key/);
  });
});
