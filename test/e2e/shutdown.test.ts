import { afterAll, beforeAll, expect, test } from 'vitest';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { SHUTDOWN_BUDGET_MS } from '../../src/bot/stopOnSignals.js';
import { spawnBot, type BotProcess } from './botProcess.js';
import { BOT_USERNAME, freePort, tempDataDirs, TEST_TOKEN } from './harness.js';
import { startTelegramFront, type TelegramFront } from './telegramFront.js';

/**
 * The real bot process (`src/cli/bot.ts`) against the emulator behind a Telegram-like front that
 * confirms updates by offset, so that what a stopped bot leaves unconfirmed comes back to the next.
 */
let server: TelegramServer;
let front: TelegramFront;
let dirs: ReturnType<typeof tempDataDirs>;
const started: BotProcess[] = [];

beforeAll(async () => {
  server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
  await server.start();
  front = await startTelegramFront(server, TEST_TOKEN);
  dirs = tempDataDirs();
});
afterAll(async () => {
  for (const p of started) p.child.kill('SIGKILL');
  await front?.close();
  await server?.stop();
  dirs?.cleanup();
});

async function startBot(): Promise<BotProcess> {
  const bot = await spawnBot({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: front.url,
    SEARCH_MODE: 'lexical',
    REPORTS_DIR: dirs.REPORTS_DIR,
    INDEX_DIR: dirs.INDEX_DIR,
    // Twenty questions in a burst are more than one user may send a minute by default.
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  started.push(bot);
  return bot;
}

/** Replies in `chatId`, counted by the question they answer. */
function answersByQuestion(chatId: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of server.storage.botMessages) {
    const message = m.message as unknown as { chat_id: unknown; reply_parameters?: unknown };
    if (String(message.chat_id) !== String(chatId)) continue;
    const raw = message.reply_parameters;
    const replyTo = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { message_id?: number } | undefined;
    if (replyTo?.message_id !== undefined) counts.set(replyTo.message_id, (counts.get(replyTo.message_id) ?? 0) + 1);
  }
  return counts;
}

/**
 * Sends twenty questions from one group chat (where a reply quotes its question, so that each
 * answer can be traced to its question); returns their message ids.
 */
async function burst(chatId: number): Promise<number[]> {
  const client = server.getClient(TEST_TOKEN, {
    userId: -chatId,
    chatId,
    type: 'supergroup',
    chatTitle: 'Nhóm thử',
    firstName: 'Burst',
  });
  const ids: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const text = `@${BOT_USERNAME} Tỷ lệ hộ nghèo Hà Nam năm 2023? (${i})`;
    const entities = [{ type: 'mention', offset: 0, length: BOT_USERNAME.length + 1 }];
    await client.sendMessage({ ...client.makeMessage(text), entities } as never);
    const sent = server.storage.userMessages.filter((u) => 'message' in u && u.message.chat.id === chatId);
    ids.push(sent.at(-1)!.messageId);
  }
  return ids;
}

async function answeredOnce(chatId: number, questions: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (questions.some((id) => !answersByQuestion(chatId).has(id)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function terminate(bot: BotProcess): Promise<{ code: number | string; ms: number }> {
  const at = Date.now();
  bot.child.kill('SIGTERM');
  const code = await bot.exited;
  return { code, ms: Date.now() - at };
}

test('twenty questions, SIGTERM 150 ms later: all twenty answered, none twice', async () => {
  const chatId = -7101;
  // Replies take 40 ms each, as over the internet: at the signal most of the twenty are still queued.
  front.delay('sendMessage', 40);
  let bot = await startBot();
  const sentAt = Date.now();
  const questions = await burst(chatId);
  await new Promise((r) => setTimeout(r, Math.max(0, sentAt + 150 - Date.now())));
  const answeredAtSignal = answersByQuestion(chatId).size;
  const stop = await terminate(bot);
  expect(stop.ms).toBeLessThan(SHUTDOWN_BUDGET_MS);
  // Within the budget the stopping bot finishes what it took, those queued behind their chat's first
  // too; what it had not fetched yet stays unconfirmed for the next start. Nothing else is confirmed.
  const answeredAtExit = answersByQuestion(chatId).size;
  expect(answeredAtSignal).toBeLessThan(answeredAtExit);
  expect(front.updates.unconfirmed()).toHaveLength(20 - answeredAtExit);

  bot = await startBot();
  await answeredOnce(chatId, questions, 15_000);
  await new Promise((r) => setTimeout(r, 300));
  await terminate(bot);
  front.delay('sendMessage', 0);

  const answers = answersByQuestion(chatId);
  expect(questions.map((id) => answers.get(id))).toEqual(questions.map(() => 1));
});

test('a stop whose budget runs out leaves the unhandled updates to the next start', async () => {
  const chatId = -7102;
  let bot = await startBot();
  // The first reply is held far past the budget: the shutdown cannot finish it, nor the nineteen behind it.
  front.floodOnce('sendMessage', 30);
  const sentAt = Date.now();
  const questions = await burst(chatId);
  await new Promise((r) => setTimeout(r, Math.max(0, sentAt + 150 - Date.now())));
  const stop = await terminate(bot);
  expect(stop.ms).toBeLessThan(SHUTDOWN_BUDGET_MS + 1000);
  expect(answersByQuestion(chatId).size).toBe(0);

  bot = await startBot();
  await answeredOnce(chatId, questions, 15_000);
  await new Promise((r) => setTimeout(r, 300));
  await terminate(bot);

  const answers = answersByQuestion(chatId);
  expect(questions.map((id) => answers.get(id) ?? 0)).toEqual(questions.map(() => 1));
});
