/**
 * Upload benchmark (not a test): while an admin's report of about 7.9 MB (the limit is 8 MB) is
 * downloaded and ingested, and while `/reload` runs, another user asks a question. Prints how long
 * that user waited for the replies (asking again as each arrives), and how long the task took.
 *
 *   npm run bench:upload          RUNS=3 by default
 *
 * The bot, the engine and the Bot API emulator share this process, so a blocked event loop shows
 * as a late reply.
 */
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/answer/engine.js';
import { startHarness } from '../test/e2e/harness.js';

const RUNS = Number(process.env.RUNS ?? 3);
const ADMIN = 1;
const HA_NAM = readFileSync('data/reports/002_b7ed6daf0c81323d.txt');
const LARGE = Buffer.concat(Array.from({ length: Math.floor((7.9 * 1024 * 1024) / HA_NAM.length) }, () => HA_NAM));
const QUESTION = 'Tỷ lệ hộ nghèo Bắc Kạn năm 2024?';

const files = new Map<string, Buffer>(Array.from({ length: RUNS }, (_, i) => [`large-${i}`, LARGE]));
const h = await startHarness({
  makeEngine: (config, logger) => createEngine({ config, logger }),
  files,
  logLevel: 'warn',
  env: { ADMIN_USER_IDS: String(ADMIN), RATE_LIMIT_PER_MINUTE: '10000' },
});

const rows: string[][] = [];

/** Asks the question again and again (each when the last was answered) until `done` resolves. */
async function askWhile(userId: number, done: Promise<unknown>): Promise<number[]> {
  const user = h.chat({ userId });
  let finished = false;
  void done.then(() => (finished = true));
  const latencies: number[] = [];
  while (!finished) {
    const asked = performance.now();
    await user.say(QUESTION);
    await user.replies(1, 120_000);
    latencies.push(performance.now() - asked);
  }
  return latencies;
}

function row(task: string, latencies: number[], tookMs: number): string[] {
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return [task, String(sorted.length), ms(median), ms(sorted.at(-1) ?? NaN), ms(tookMs)];
}

for (let i = 0; i < RUNS; i += 1) {
  const admin = h.chat({ userId: ADMIN });
  const started = performance.now();
  await admin.send({
    document: { file_id: `large-${i}`, file_unique_id: `u${i}`, file_name: `large-${i}.txt`, file_size: LARGE.length },
  });
  const done = admin.replies(1, 300_000);
  const latencies = await askWhile(100 + i, done);
  rows.push(
    row(`upload ${(LARGE.length / 1024 / 1024).toFixed(1)} MB #${i + 1}`, latencies, performance.now() - started),
  );
}

for (let i = 0; i < RUNS; i += 1) {
  const admin = h.chat({ userId: ADMIN });
  const started = performance.now();
  await admin.command('/reload');
  const done = admin.replies(1, 300_000);
  const latencies = await askWhile(200 + i, done);
  rows.push(row(`/reload (${h.engine.sources().length} reports) #${i + 1}`, latencies, performance.now() - started));
}
await h.stop();

function ms(v: number): string {
  return `${Math.round(v)} ms`;
}
const header = ['while', 'questions', 'reply, median', 'reply, slowest', 'admin task took'];
const widths = header.map((_, c) => Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)));
const line = (cells: string[]) => `| ${cells.map((v, c) => v.padEnd(widths[c]!)).join(' | ')} |`;
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
