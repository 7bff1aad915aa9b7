/**
 * Warm ask latency over the development questions in lexical mode: every
 * question is asked once to warm caches, then ROUNDS more times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/answer/engine.js';
import { readEvalFile } from '../src/answer/evaluate.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { median, peakRssMb, percentile, table } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const root = fileURLToPath(new URL('..', import.meta.url));
const questionsFile = process.argv[2] ?? join(root, 'test/fixtures/eval/questions.dev.jsonl');
const indexDir = mkdtempSync(join(tmpdir(), 'ansinh-bench-'));
const config = {
  ...loadConfig({}),
  REPORTS_DIR: join(root, 'data/reports'),
  INDEX_DIR: indexDir,
  SEARCH_MODE: 'lexical' as const,
};
const engine = await createEngine({ config, logger: createLogger('silent') });
const questions = readEvalFile(questionsFile);

for (const q of questions) await engine.ask(q.question);
const byKind = new Map<string, number[]>();
const all: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const q of questions) {
    const start = performance.now();
    await engine.ask(q.question);
    const ms = performance.now() - start;
    all.push(ms);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
  }
}
engine.close();
rmSync(indexDir, { recursive: true, force: true });

console.log(
  `warm ask latency, lexical mode: ${questions.length} questions × ${ROUNDS} rounds, node ${process.version}\n`,
);
const rows = [...byKind.entries()].map(([kind, ms]) => [
  kind,
  ms.length,
  median(ms),
  percentile(ms, 95),
  Math.max(...ms),
]);
rows.push(['all', all.length, median(all), percentile(all, 95), Math.max(...all)]);
console.log(table(['kind', 'asks', 'p50 ms', 'p95 ms', 'max ms'], rows));
console.log(`\npeak memory (RSS): ${peakRssMb().toFixed(0)} MB`);
