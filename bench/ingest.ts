/**
 * Ingest at national scale, the real path from files to the store: the five
 * bundled reports copied into a temporary reports folder as 1,000, 3,000 and
 * 10,000 files (another province named, another year, other numbers, a file
 * name of their own), then `ingestReports` into a fresh store, then again with
 * nothing changed. Each size runs in its own process, so peak memory is that
 * run's; its CPU time (all threads) and the load average before it say how
 * busy the machine was. BENCH_INGEST_SIZES=1000,3000 picks other sizes.
 * A benchmark, not a test: numbers vary with the machine.
 */
import { fork } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestReports } from '../src/ingest/ingestReports.js';
import { CorpusStore } from '../src/store/corpusStore.js';
import { peakRssMb, table } from './stats.js';
import { writeReports } from './syntheticReports.js';

const SIZES = (process.env.BENCH_INGEST_SIZES ?? '1000,3000,10000').split(',').map(Number);

interface RunResult {
  files: number;
  mb: number;
  seconds: number;
  /** CPU time of the first run, all threads: on a shared machine it varies less than the run time. */
  cpuSeconds: number;
  /** The machine's load average over the minute before the run. */
  load: number;
  rerunSeconds: number;
  documents: number;
  passages: number;
  peakRssMb: number;
  unchanged: number;
}

/** One size, in a child process: a fresh store, the folder ingested, then ingested again unchanged. */
async function run(reportsDir: string, indexDir: string): Promise<RunResult> {
  const store = new CorpusStore(indexDir);
  let bytes = 0;
  const load = loadavg()[0]!;
  let start = performance.now();
  const cpu = process.cpuUsage();
  const first = await ingestReports({ store, reportsDir, onProgress: (p) => (bytes = p.bytes) });
  const seconds = (performance.now() - start) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  start = performance.now();
  const again = await ingestReports({ store, reportsDir });
  const rerunSeconds = (performance.now() - start) / 1000;
  const result: RunResult = {
    files: first.documents.length,
    mb: bytes / 1_048_576,
    seconds,
    cpuSeconds: (user + system) / 1e6,
    load,
    rerunSeconds,
    documents: store.documents().length,
    passages: store.passageCount(),
    peakRssMb: peakRssMb(),
    unchanged: again.documents.filter((d) => d.status === 'unchanged').length,
  };
  store.close();
  return result;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--run') {
    const result = await run(process.argv[3]!, process.argv[4]!);
    process.send!(result);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'ansinh-bench-ingest-'));
  try {
    const largest = Math.max(...SIZES);
    const all = join(tmp, `reports-${largest}`);
    const started = performance.now();
    writeReports(all, largest);
    const names = readdirSync(all).sort();
    process.stderr.write(
      `[bench:ingest] ${largest} files written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const rows: (string | number)[][] = [];
    for (const size of SIZES) {
      let dir = all;
      if (size !== largest) {
        // The first `size` files of the largest folder, linked rather than copied.
        dir = join(tmp, `reports-${size}`);
        mkdirSync(dir);
        for (const name of names.slice(0, size)) linkSync(join(all, name), join(dir, name));
      }
      const index = join(tmp, `index-${size}`);
      const child = fork(fileURLToPath(import.meta.url), ['--run', dir, index], { stdio: 'inherit' });
      const result = await new Promise<RunResult>((resolve, reject) => {
        child.once('message', (m) => resolve(m as RunResult));
        child.once('exit', (code) => reject(new Error(`ingest run for ${size} files exited with ${code}`)));
      });
      process.stderr.write(`[bench:ingest] ${size} files: ${result.seconds.toFixed(1)} s\n`);
      rows.push([
        result.files,
        result.mb,
        result.passages,
        result.seconds,
        result.mb / result.seconds,
        result.files / result.seconds,
        result.cpuSeconds,
        result.load,
        result.rerunSeconds,
        `${result.unchanged}/${result.files}`,
        result.peakRssMb,
      ]);
      rmSync(index, { recursive: true, force: true });
    }
    console.log(`ingest benchmark: report files → store (ingestReports, fresh store), node ${process.version}\n`);
    console.log(
      table(
        [
          'files',
          'MB',
          'passages',
          'ingest s',
          'MB/s',
          'files/s',
          'CPU s',
          'load',
          're-run s',
          'unchanged',
          'peak RSS MB',
        ],
        rows,
      ),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
