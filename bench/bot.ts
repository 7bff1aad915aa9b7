/**
 * Bot benchmark (not a test): USERS private chats each ask QUESTIONS questions in turn through the
 * Bot API emulator, the next one as soon as the reply arrives. Reports lost or doubled replies,
 * latency from question to reply, and peak memory of this process (bot, engine and emulator).
 *
 *   npm run bench:bot            USERS=50 QUESTIONS=20 THINK_MS=0 by default
 *
 * THINK_MS pauses each user between a reply and the next question (0: as fast as replies come).
 */
import type { EngineFactory } from '../test/e2e/harness.js';
import { realEngine } from '../test/e2e/engines.js';
import { startHarness } from '../test/e2e/harness.js';

const USERS = Number(process.env.USERS ?? 50);
const QUESTIONS = Number(process.env.QUESTIONS ?? 20);
const THINK_MS = Number(process.env.THINK_MS ?? 0);
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Times each `engine.ask`, to tell the engine's share of the latency from the bot's. */
const engineMs: number[] = [];
const timedEngine: EngineFactory = async (config, logger) => {
  const engine = await realEngine(config, logger);
  const ask = engine.ask.bind(engine);
  engine.ask = async (question, options) => {
    const started = performance.now();
    try {
      return await ask(question, options);
    } finally {
      engineMs.push(performance.now() - started);
    }
  };
  return engine;
};

const startedAt = performance.now();
const h = await startHarness({ makeEngine: timedEngine, env: { RATE_LIMIT_PER_MINUTE: '10000' }, logLevel: 'info' });
const startupMs = performance.now() - startedAt;

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);

/** The reply to a question is complete when its last message (the one with buttons) arrives. */
const waiting = new Map<number, (text: string) => void>();
const received = new Map<number, number>();
const apologies = { count: 0 };
h.server.on('AddedBotMessage', () => {
  const last = h.server.storage.botMessages.at(-1);
  if (!last) return;
  const chatId = Number(last.message.chat_id);
  const text = String(last.message.text ?? '');
  const complete = last.message.reply_markup !== undefined || text.startsWith('Xin lỗi');
  if (!complete) return;
  if (text.startsWith('Xin lỗi')) apologies.count += 1;
  received.set(chatId, (received.get(chatId) ?? 0) + 1);
  waiting.get(chatId)?.(text);
  waiting.delete(chatId);
});

const latencies: number[] = [];
let wrong = 0;
let timedOut = 0;

async function user(index: number): Promise<void> {
  const userId = 700_000 + index;
  const client = h.server.getClient(h.config.TELEGRAM_BOT_TOKEN ?? '', { userId, chatId: userId, type: 'private' });
  for (let i = 0; i < QUESTIONS; i += 1) {
    const [question, figure] = ASKED[(index + i) % ASKED.length] ?? ASKED[0]!;
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
    if (text === null) {
      timedOut += 1;
      continue;
    }
    latencies.push(performance.now() - sent);
    if (!text.includes(figure)) wrong += 1;
    if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS));
  }
}

const runStarted = performance.now();
await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
const runMs = performance.now() - runStarted;
// Late duplicates would show up here.
await new Promise((r) => setTimeout(r, 500));
clearInterval(sampler);

const expected = USERS * QUESTIONS;
const total = [...received.values()].reduce((a, b) => a + b, 0);
const doubled = [...received.values()].reduce((a, n) => a + Math.max(0, n - QUESTIONS), 0);
const lost = expected - latencies.length;
const sorted = [...latencies].sort((a, b) => a - b);
const engineSorted = [...engineMs].sort((a, b) => a - b);
const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;

const rows: Array<[string, string]> = [
  ['users × questions', `${USERS} × ${QUESTIONS} = ${expected}`],
  ['think time between questions', ms(THINK_MS)],
  ['search mode', h.engine.mode],
  ['start-up (engine + bot polling)', ms(startupMs)],
  ['replies received', String(total)],
  ['lost (no reply in 10 s)', String(lost)],
  ['doubled', String(doubled)],
  ['apologies (failed updates)', String(apologies.count)],
  ['reply without the expected figure', String(wrong)],
  ['latency p50', ms(percentile(sorted, 50))],
  ['latency p95', ms(percentile(sorted, 95))],
  ['latency p99', ms(percentile(sorted, 99))],
  ['latency max', ms(sorted.at(-1) ?? NaN)],
  ['engine.ask alone p50 / p95', `${ms(percentile(engineSorted, 50))} / ${ms(percentile(engineSorted, 95))}`],
  ['throughput', `${((latencies.length / runMs) * 1000).toFixed(0)} questions/s`],
  ['peak RSS (bot + engine + emulator)', mb(peakRss)],
  ['peak heap used', mb(peakHeap)],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`| ${'metric'.padEnd(width)} | value |`);
console.log(`| ${'-'.repeat(width)} | ----- |`);
for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
if (timedOut > 0) console.log(`\n${timedOut} questions got no reply within ${REPLY_TIMEOUT_MS / 1000} s.`);

await h.stop();
process.exit(lost > 0 || doubled > 0 ? 1 : 0);
