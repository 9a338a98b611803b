import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { extractDocument } from '../main/extraction';

/**
 * Extraction time and peak memory for the long corpus document, next to `pdftotext -layout` on the same file in the
 * same run. Peak RSS is sampled while extracting (the process's own high-water mark includes the worker threads).
 */
const file = path.resolve(import.meta.dirname, '../test-fixtures/corpus/qz2022-final-ruled.pdf');
const workersArg = process.argv.find((a) => a.startsWith('--workers='));
const workers = workersArg ? Number(workersArg.split('=')[1]) : undefined;

function pdftotext(): { seconds: number; cpu: number } | null {
  const t0 = performance.now();
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) return null;
  const seconds = (performance.now() - t0) / 1000;
  // CPU time of the child, from /usr/bin/time when present (load on a shared machine makes wall time noisy).
  let cpu = NaN;
  try {
    const out = execFileSync('/usr/bin/time', ['-f', '%U %S', 'pdftotext', '-layout', file, '/dev/null'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    void out;
  } catch (err) {
    const m = /([\d.]+) ([\d.]+)\s*$/u.exec(String((err as { stderr?: Buffer }).stderr ?? ''));
    if (m) cpu = Number(m[1]) + Number(m[2]);
  }
  return { seconds, cpu };
}

const bytes = new Uint8Array(readFileSync(file));
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const doc = await extractDocument(bytes, { file, workers });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const rows = doc.tables.reduce((n, t) => n + t.rows.length, 0);

const pt = pdftotext();
console.log(
  `machine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`extract  ${path.basename(file)}: ${doc.source.pages} pages, ${doc.tables.length} tables, ${rows} rows`);
console.log(
  `  wall ${seconds.toFixed(2)} s   cpu (all threads) ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s   peak RSS ${(peak / 1e6).toFixed(0)} MB`,
);
if (pt)
  console.log(
    `pdftotext -layout: wall ${pt.seconds.toFixed(2)} s${Number.isFinite(pt.cpu) ? `   cpu ${pt.cpu.toFixed(2)} s` : ''}`,
  );
else console.log('pdftotext -layout: not available');
console.log(
  `targets: ≤ 4 s wall, < 600 MB → ${seconds <= 4 ? 'time ok' : 'time over'}, ${peak < 600e6 ? 'memory ok' : 'memory over'}`,
);
