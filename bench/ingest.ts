/**
 * Ingest speed: the bundled reports replicated to at least 50 MB, each stage
 * timed on its own on one core (cleaning, passages, figures), then peak memory.
 * A benchmark, not a test: numbers vary with the machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFigures } from '../src/figures/parse.js';
import { cleanReport } from '../src/ingest/clean.js';
import { splitPassages } from '../src/ingest/passages.js';
import { detectPeriod } from '../src/ingest/period.js';
import { detectProvince } from '../src/ingest/provinces.js';
import { peakRssMb, table } from './stats.js';

const TARGET_MB = Number(process.env.BENCH_MB ?? 50);
const reportsDir = fileURLToPath(new URL('../data/reports/', import.meta.url));
const originals = readdirSync(reportsDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(reportsDir, f), 'utf8'));

// Vary numbers per copy so that no stage can profit from repeated identical strings.
const corpus: string[] = [];
let bytes = 0;
for (let copy = 0; bytes < TARGET_MB * 1024 * 1024; copy++) {
  for (const text of originals) {
    const varied = text.replace(/\d{2,}/g, (d) => String((Number(d) + copy) % 10 ** d.length).padStart(d.length, '0'));
    corpus.push(varied);
    bytes += Buffer.byteLength(varied);
  }
}
const mb = bytes / (1024 * 1024);

function time<T>(fn: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}

const cleaning = time(() => corpus.map((raw) => cleanReport(raw, 'txt').text));
const cleaned = cleaning.result;
const detection = time(() => cleaned.map((t) => [detectProvince(t).province, detectPeriod(t).key]));
const passages = time(() => cleaned.map((t) => splitPassages(t)));
let figureCount = 0;
const figures = time(() => {
  for (const doc of passages.result) for (const p of doc) figureCount += parseFigures(p.text).length;
});
const passageCount = passages.result.reduce((n, d) => n + d.length, 0);
const total = cleaning.seconds + detection.seconds + passages.seconds + figures.seconds;

console.log(
  `ingest benchmark: ${corpus.length} reports, ${mb.toFixed(1)} MB, ${passageCount} passages, ${figureCount} figures, node ${process.version}\n`,
);
console.log(
  table(
    ['stage', 'seconds', 'MB/s'],
    [
      ['cleaning', cleaning.seconds, mb / cleaning.seconds],
      ['province + period detection', detection.seconds, mb / detection.seconds],
      ['passages', passages.seconds, mb / passages.seconds],
      ['figures', figures.seconds, mb / figures.seconds],
      ['all stages', total, mb / total],
    ],
  ),
);
console.log(`\npeak memory (RSS): ${peakRssMb().toFixed(0)} MB`);
