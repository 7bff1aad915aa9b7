import { afterAll, beforeAll, expect, test } from 'vitest';
import { realEngine } from './engines.js';
import { errorLines, startHarness, TEST_TOKEN, until, type Harness } from './harness.js';

const ALLOWED = 8001;
const FLOODER = 8002;
const STRANGER = 8003;
const ASKER = 8004;
const LIMIT = 4;
const callbackOf = (
  reply: { reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } },
  label: string,
) => reply.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data ?? '';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    makeEngine: realEngine,
    env: { ALLOWED_CHAT_IDS: `${ALLOWED},${FLOODER},${ASKER}`, RATE_LIMIT_PER_MINUTE: String(LIMIT) },
  });
});
afterAll(async () => {
  await h?.stop();
});

const acks = (from: number) => h.recorder.calls.slice(from).filter((c) => c.method === 'answerCallbackQuery');

test.each([
  ['a word joiner', 'Tỷ lệ hộ nghèo Hà\u2060 Nam năm 2023?'],
  ['a soft hyphen and a zero-width space', 'Tỷ lệ hộ ngh\u00adèo Hà\u200b Nam năm 2023?'],
  ['direction marks and a byte order mark', '\ufeffTỷ lệ hộ nghèo \u200eHà Nam\u200f năm 2023?'],
])('a question with %s inside its words is answered as without', async (_case, question) => {
  const me = h.chat({ userId: ASKER });
  await me.say(question);
  const [reply] = await me.replies();
  expect(reply?.text).toContain('2,11%');
  expect(reply?.text).toMatch(/\[1\][^\n]*Hà Nam/);
});

/** A tap on a button under an inline message: Telegram sends no message and no chat with it. */
async function tapWithoutMessage(userId: number, data: string): Promise<void> {
  const client = h.server.getClient(TEST_TOKEN, { userId, chatId: userId, firstName: `User${userId}` });
  const query = client.makeCallbackQuery(data) as unknown as Record<string, unknown>;
  delete query.message;
  await client.sendCallback(query as never);
}

test('a tap with no message is answered: refused for a stranger, pointed to the chat for an allowed user', async () => {
  const me = h.chat({ userId: ALLOWED });
  await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  const [answer] = await me.replies();
  const source = callbackOf(answer!, '📄 1');
  expect(source).not.toBe('');
  const errorsBefore = errorLines(h.logs).length;
  const from = h.recorder.calls.length;

  await tapWithoutMessage(STRANGER, source);
  await until(() => acks(from).length === 1);
  expect(acks(from)[0]?.payload.text).toContain('chỉ phục vụ');

  await tapWithoutMessage(ALLOWED, source);
  await until(() => acks(from).length === 2);
  expect(acks(from)[1]?.payload.text).toContain('Mở cuộc trò chuyện');
  expect(h.recorder.calls.slice(from).filter((c) => c.method === 'sendMessage')).toEqual([]);
  expect(errorLines(h.logs).slice(errorsBefore)).toEqual([]);
});

test('every tap past the flood limit gets a callback answer; messages get one notice', async () => {
  const me = h.chat({ userId: FLOODER });
  await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  const [answer] = await me.replies();
  const vote = callbackOf(answer!, '👍');
  const from = h.recorder.calls.length;
  const taps = LIMIT + 3;
  for (let i = 0; i < taps; i += 1) await me.tap(answer!.messageId, vote);
  await until(() => acks(from).length === taps);
  expect(acks(from).filter((c) => String(c.payload.text).includes('hơi nhanh')).length).toBeGreaterThanOrEqual(3);

  await me.say('Tỷ lệ hộ nghèo Bắc Kạn?');
  await me.say('Tỷ lệ hộ nghèo Bắc Kạn?');
  const [notice] = await me.replies();
  expect(notice?.text).toContain('hơi nhanh');
  await new Promise((r) => setTimeout(r, 300));
  expect(me.unread()).toEqual([]);
});
