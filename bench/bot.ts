/**
 * Bot benchmark (not a test): USERS private chats each ask QUESTIONS questions in turn through the
 * Bot API emulator, the next one when the reply has arrived (plus THINK_MS). Reports lost or doubled
 * replies, latency from question to reply, and the bot process's peak memory.
 *
 *   npm run bench:bot            USERS=50 QUESTIONS=20 THINK_MS=0 by default
 *
 * The emulator and the simulated users run in a child process, as Telegram and its users are
 * elsewhere in production: this process holds only the bot and the engine (lexical search).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import pino from 'pino';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { createEngine } from '../src/answer/engine.js';
import { createBot } from '../src/bot/createBot.js';
import { startBot } from '../src/bot/startBot.js';
import { loadConfig } from '../src/config.js';
import { createEmulatorGaps } from '../test/e2e/emulatorGaps.js';
import { freePort, TEST_TOKEN, tempDataDirs } from '../test/e2e/harness.js';

const USERS = Number(process.env.USERS ?? 50);
const QUESTIONS = Number(process.env.QUESTIONS ?? 20);
const THINK_MS = Number(process.env.THINK_MS ?? 2000);
const REPLY_TIMEOUT_MS = 10_000;

/** Questions a user would ask about the bundled reports, with a figure each reply must carry. */
const ASKED: Array<[string, string]> = [
  ['Tỷ lệ hộ nghèo Hà Nam năm 2023?', '2,11%'],
  ['Tỷ lệ hộ nghèo của Thái Nguyên cuối năm 2023 là bao nhiêu?', '3,02%'],
  ['Năm 2023 Thái Nguyên giải quyết việc làm cho bao nhiêu lao động?', '23.250'],
  ['Bắc Kạn có bao nhiêu người tham gia BHXH tự nguyện năm 2024?', '9.466/9.216'],
  ['Tổng số hộ nghèo của Hà Nam năm 2023 còn bao nhiêu?', '5.915'],
  ['Tháng 4/2024 Lạng Sơn chi bao nhiêu tiền trợ cấp thất nghiệp?', '4.622'],
  ['9 tháng năm 2024 Tây Ninh giải quyết việc làm tăng thêm cho bao nhiêu lao động?', '13.864'],
  ['ty le ho can ngheo ha nam 2023', '2,21%'],
  ['BHTN Bắc Kạn 2024 bao nhiêu người tham gia?', '18.004/17.347'],
  ['Cơ sở cai nghiện ma túy tỉnh Lạng Sơn đang quản lý bao nhiêu học viên?', '452'],
];

interface Pass {
  name: string;
  thinkMs: number;
}

interface UsersResult {
  latencies: number[];
  received: number;
  doubled: number;
  apologies: number;
  wrong: number;
  runMs: number;
}

type ToParent = { type: 'ready' } | { type: 'update' } | { type: 'result'; result: UsersResult };

// ---- child: the emulator and the users -------------------------------------------------------

async function runUsers(port: number): Promise<void> {
  const send = (m: ToParent) => process.send?.(m);
  const server = new TelegramServer({ port, host: '127.0.0.1' });
  await server.start();
  // Wakes the bot's long poll (the emulator answers getUpdates at once, even when empty).
  for (const e of ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'])
    server.on(e, () => send({ type: 'update' }));

  // A reply is complete when its last message (the one with buttons) arrives.
  const waiting = new Map<number, (text: string) => void>();
  const received = new Map<number, number>();
  let apologies = 0;
  server.on('AddedBotMessage', () => {
    const last = server.storage.botMessages.at(-1);
    if (!last) return;
    const chatId = Number(last.message.chat_id);
    const text = String(last.message.text ?? '');
    const apology = text.startsWith('Xin lỗi');
    if (last.message.reply_markup === undefined && !apology) return;
    if (apology) apologies += 1;
    received.set(chatId, (received.get(chatId) ?? 0) + 1);
    waiting.get(chatId)?.(text);
    waiting.delete(chatId);
  });

  let latencies: number[] = [];
  let wrong = 0;
  const user = async (userId: number, index: number, thinkMs: number): Promise<void> => {
    const client = server.getClient(TEST_TOKEN, { userId, chatId: userId, type: 'private' });
    const think = () => new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
    if (thinkMs > 0) await think();
    for (let i = 0; i < QUESTIONS; i += 1) {
      const [question, figure] = ASKED[(index + i) % ASKED.length]!;
      const reply = new Promise<string | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), REPLY_TIMEOUT_MS);
        waiting.set(userId, (text) => {
          clearTimeout(timer);
          resolve(text);
        });
      });
      const sent = performance.now();
      await client.sendMessage(client.makeMessage(question));
      const text = await reply;
      if (text === null) continue;
      latencies.push(performance.now() - sent);
      if (!text.includes(figure)) wrong += 1;
      if (thinkMs > 0) await think();
    }
  };

  // Each pass has its own users, so that counts per chat belong to one pass.
  process.on('message', async ({ pass, thinkMs }: { pass: number; thinkMs: number }) => {
    latencies = [];
    wrong = 0;
    apologies = 0;
    received.clear();
    const started = performance.now();
    await Promise.all(Array.from({ length: USERS }, (_, i) => user(700_000 + pass * 10_000 + i, i, thinkMs)));
    const runMs = performance.now() - started;
    // Late duplicates would arrive here.
    await new Promise((r) => setTimeout(r, 500));
    const counts = [...received.values()];
    send({
      type: 'result',
      result: {
        latencies,
        received: counts.reduce((a, b) => a + b, 0),
        doubled: counts.reduce((a, n) => a + Math.max(0, n - QUESTIONS), 0),
        apologies,
        wrong,
        runMs,
      },
    });
  });
  send({ type: 'ready' });
}

// ---- parent: the bot -------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function nextMessage<T extends ToParent['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ToParent, { type: T }>> {
  return new Promise((resolve) => {
    const on = (m: ToParent) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as Extract<ToParent, { type: T }>);
    };
    child.on('message', on);
  });
}

async function runBot(): Promise<void> {
  const port = await freePort();
  const child = fork(process.argv[1] ?? 'bench/bot.ts', ['--users', String(port)], { stdio: 'inherit' });
  const updates = new EventEmitter();
  child.on('message', (m: ToParent) => m.type === 'update' && updates.emit('AddedUserMessage'));
  await nextMessage(child, 'ready');

  const dirs = tempDataDirs();
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
    SEARCH_MODE: 'lexical',
    REPORTS_DIR: dirs.REPORTS_DIR,
    INDEX_DIR: dirs.INDEX_DIR,
    // A flood limit would turn away the simulated users, who ask without pause.
    RATE_LIMIT_PER_MINUTE: '10000',
  });
  // Logged at info as in production; only warnings are kept, to count retried API calls.
  const warnings: string[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void (line.includes('"level":40') && warnings.push(line)) },
  );
  const startedAt = performance.now();
  const engine = await createEngine({ config, logger });
  const { transformer } = createEmulatorGaps(updates);
  const app = createBot({ config, engine, logger, transformers: [transformer] });
  const running = await startBot(app, { config, logger });
  const startupMs = performance.now() - startedAt;

  // The engine's own time per question, one at a time and warm: the floor under any latency.
  const engineMs: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const [question] of ASKED) {
      const started = performance.now();
      await engine.ask(question);
      if (round > 0) engineMs.push(performance.now() - started);
    }
  }

  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const passes: Pass[] = [
    { name: 'burst', thinkMs: 0 },
    { name: `paced ${THINK_MS / 1000} s`, thinkMs: THINK_MS },
  ];
  const results: UsersResult[] = [];
  for (const [i, pass] of passes.entries()) {
    child.send({ pass: i, thinkMs: pass.thinkMs });
    results.push((await nextMessage(child, 'result')).result);
  }
  clearInterval(sampler);

  const expected = USERS * QUESTIONS;
  const engineSorted = engineMs.sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;
  const each = (f: (r: UsersResult, sorted: number[]) => string): string[] =>
    results.map((r) =>
      f(
        r,
        [...r.latencies].sort((a, b) => a - b),
      ),
    );
  const rows: Array<[string, ...string[]]> = [
    ['users × questions', ...each(() => `${USERS} × ${QUESTIONS} = ${expected}`)],
    ['think time between questions', ...passes.map((p) => (p.thinkMs ? `${ms(p.thinkMs)} ± 50 %` : 'none'))],
    ['replies received', ...each((r) => String(r.received))],
    ['lost (no reply in 10 s)', ...each((r) => String(expected - r.latencies.length))],
    ['doubled', ...each((r) => String(r.doubled))],
    ['apologies (failed updates)', ...each((r) => String(r.apologies))],
    ['reply without the expected figure', ...each((r) => String(r.wrong))],
    ['latency p50', ...each((_, l) => ms(percentile(l, 50)))],
    ['latency p95', ...each((_, l) => ms(percentile(l, 95)))],
    ['latency p99', ...each((_, l) => ms(percentile(l, 99)))],
    ['latency max', ...each((_, l) => ms(l.at(-1) ?? NaN))],
    ['throughput', ...each((r) => `${((r.latencies.length / r.runMs) * 1000).toFixed(0)} questions/s`)],
  ];
  const common: Array<[string, string]> = [
    ['search mode', engine.mode],
    ['start-up (engine + bot polling)', ms(startupMs)],
    [
      'engine.ask alone, one at a time, p50 / p95',
      `${ms(percentile(engineSorted, 50))} / ${ms(percentile(engineSorted, 95))}`,
    ],
    ['bot process peak RSS / heap used', `${mb(peakRss)} / ${mb(peakHeap)}`],
  ];
  const width = Math.max(...[...rows, ...common].map(([k]) => k.length));
  const cols = passes.map((p, i) => Math.max(p.name.length, ...rows.map((r) => (r[i + 1] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(i === 0 ? width : (cols[i - 1] ?? 0))).join(' | ')} |`;
  console.log(line(['metric', ...passes.map((p) => p.name)]));
  console.log(line(['-'.repeat(width), ...cols.map((w) => '-'.repeat(w))]));
  for (const row of rows) console.log(line(row));
  console.log();
  for (const [k, v] of common) console.log(`${k.padEnd(width)}  ${v}`);
  for (const w of new Set(
    warnings
      .map((l) => JSON.parse(l) as { msg: string; method?: string; err?: { cause?: string; message?: string } })
      .map((w) => `${w.msg} ${w.method ?? ''} ${w.err?.cause ?? w.err?.message ?? ''}`),
  )) {
    console.log(`warning: ${w}`);
  }

  await running.stop(2000);
  engine.close();
  child.kill();
  dirs.cleanup();
  process.exit(results.some((r) => r.latencies.length < expected || r.doubled > 0) ? 1 : 0);
}

const usersAt = process.argv.indexOf('--users');
if (usersAt >= 0) await runUsers(Number(process.argv[usersAt + 1]));
else await runBot();
