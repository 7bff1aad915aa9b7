import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MESSAGE_LIMIT } from '../../src/bot/formatting.js';
import { realEngine } from './engines.js';
import { BOT_ID, BOT_USERNAME, errorLines, startHarness, TEST_TOKEN, until, type Harness } from './harness.js';

const ADMIN = 9001;
const mention = (text: string) => ({
  entities: [{ type: 'mention', offset: 0, length: BOT_USERNAME.length + 1 }],
  text: `@${BOT_USERNAME} ${text}`,
});
const callbackOf = (
  reply: { reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } },
  label: string,
) => reply.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data ?? '';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    makeEngine: realEngine,
    env: { ADMIN_USER_IDS: String(ADMIN), RATE_LIMIT_PER_MINUTE: '8' },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('private chat', () => {
  test('a question is answered with the figure and its citation, while showing "typing"', async () => {
    const me = h.chat({ userId: 1001 });
    await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    const [reply] = await me.replies();
    expect(reply?.parse_mode).toBe('HTML');
    expect(reply?.text).toContain('2,11%');
    expect(reply?.text).toMatch(/\[1\][^\n]*Hà Nam/);
    expect(callbackOf(reply!, '📄 1')).not.toBe('');
    expect(h.recorder.calls.some((c) => c.method === 'sendChatAction' && c.payload.chat_id === 1001)).toBe(true);
  });

  test('the source button shows the full passage with province, period and title', async () => {
    const me = h.chat({ userId: 1002 });
    await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    const [answer] = await me.replies();
    await me.tap(answer!.messageId, callbackOf(answer!, '📄 1'));
    const [passage] = await me.replies();
    expect(passage?.text).toMatch(/^<b>\[1\] .+<\/b>\nHà Nam · /);
    expect(passage?.text).toContain('2,11%');
  });

  test('"Kết quả khác" shows the next results', async () => {
    const me = h.chat({ userId: 1003 });
    await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    const [answer] = await me.replies();
    await me.tap(answer!.messageId, callbackOf(answer!, 'Kết quả khác'));
    const [more] = await me.replies();
    expect(more?.text).toMatch(/^<b>/);
  });

  test('👍 stores feedback once per user', async () => {
    const me = h.chat({ userId: 1004 });
    await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    const [answer] = await me.replies();
    const before = h.recorder.calls.length;
    const acks = () =>
      h.recorder.calls
        .slice(before)
        .filter((c) => c.method === 'answerCallbackQuery')
        .map((c) => c.payload.text);
    await me.tap(answer!.messageId, callbackOf(answer!, '👍'));
    await until(() => acks().length === 1);
    await me.tap(answer!.messageId, callbackOf(answer!, '👍'));
    await until(() => acks().length === 2);
    expect(acks()).toEqual(['Cảm ơn góp ý của bạn!', 'Bạn đã góp ý cho câu trả lời này.']);
  });

  test('/kiemtra checks a claim against the report', async () => {
    const me = h.chat({ userId: 1005 });
    await me.command('/kiemtra Bắc Kạn giải quyết việc làm cho 7.500 người năm 2024');
    const [reply] = await me.replies();
    expect(reply?.text).toContain('7.000/6.400');
    expect(reply?.text).toMatch(/không khớp|mismatch/i);
  });

  test('/nguon lists the reports held', async () => {
    const me = h.chat({ userId: 1006 });
    await me.command('/nguon');
    const [reply] = await me.replies();
    for (const province of ['Thái Nguyên', 'Bắc Kạn', 'Hà Nam', 'Lạng Sơn', 'Tây Ninh'])
      expect(reply?.text).toContain(province);
  });

  test('an unknown command gets the help', async () => {
    const me = h.chat({ userId: 1007 });
    await me.command('/foo');
    const [reply] = await me.replies();
    expect(reply?.text).toContain('/kiemtra');
  });

  test('a sticker gets a short help line, and nothing is logged as an error', async () => {
    const me = h.chat({ userId: 1008 });
    await me.send({
      sticker: {
        file_id: 'CAAC',
        file_unique_id: 'st1',
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    });
    const [reply] = await me.replies();
    expect(reply?.text).toContain('/help');
    expect(errorLines(h.logs)).toEqual([]);
  });

  test('text over 1,000 characters is asked to be shortened', async () => {
    const me = h.chat({ userId: 1009 });
    await me.say('Tỷ lệ hộ nghèo '.repeat(80));
    const [reply] = await me.replies();
    expect(reply?.text).toContain('1000');
  });

  test('an edited question is answered again', async () => {
    const me = h.chat({ userId: 1010 });
    await h.app.bot.handleUpdate({
      update_id: 900_001,
      edited_message: {
        message_id: 77,
        date: Math.floor(Date.now() / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        chat: { id: 1010, type: 'private', first_name: 'U' },
        from: { id: 1010, is_bot: false, first_name: 'U' },
        text: 'Tỷ lệ hộ nghèo Hà Nam năm 2023?',
      },
    });
    const [reply] = await me.replies();
    expect(reply?.text).toContain('2,11%');
  });

  test('a flood gets one polite notice, then silence', async () => {
    const me = h.chat({ userId: 1011 });
    for (let i = 0; i < 11; i += 1) await me.command('/help');
    // Eight helps (the limit) and one notice; the last two get nothing.
    const replies = await me.replies(9);
    await pause(300);
    expect(me.unread()).toEqual([]);
    expect(replies.filter((r) => r.text.includes('hơi nhanh'))).toHaveLength(1);
  });
});

describe('groups', () => {
  test('a message without a mention is ignored; with one it is answered as a reply', async () => {
    const group = h.chat({ userId: 2001, chatId: -100200, type: 'supergroup' });
    await group.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    await group.say('', mention('Tỷ lệ hộ nghèo Hà Nam năm 2023?'));
    const asked = group.lastMessageId();
    const [reply] = await group.replies();
    expect(reply?.text).toContain('2,11%');
    expect(reply?.reply_parameters?.message_id).toBe(asked);
    await pause(300);
    expect(group.unread()).toEqual([]);
  });

  test('a reply to the bot is a question; a bare mention gets the help', async () => {
    const group = h.chat({ userId: 2002, chatId: -100201, type: 'group' });
    await group.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?', {
      reply_to_message: {
        message_id: 1,
        date: 0,
        chat: { id: -100201, type: 'group', title: 'g' },
        from: { id: BOT_ID, is_bot: true, first_name: 'Bot' },
      },
    });
    const [answer] = await group.replies();
    expect(answer?.text).toContain('2,11%');
    await group.say('', mention(''));
    const [help] = await group.replies();
    expect(help?.text).toContain('/nguon');
  });

  test('in a forum topic the answer goes to the same topic', async () => {
    const group = h.chat({ userId: 2003, chatId: -100202, type: 'supergroup' });
    await group.say('', {
      ...mention('Tỷ lệ hộ nghèo Hà Nam năm 2023?'),
      message_thread_id: 42,
      is_topic_message: true,
    });
    const [reply] = await group.replies();
    expect(reply?.message_thread_id).toBe(42);
  });

  test('channel posts are ignored', async () => {
    await h.app.bot.handleUpdate({
      update_id: 900_002,
      channel_post: { message_id: 5, date: 0, chat: { id: -100300, type: 'channel', title: 'c' }, text: '/help' },
    });
    await pause(200);
    expect(h.chat({ userId: 1, chatId: -100300 }).unread()).toEqual([]);
  });
});

test('inline mode offers figures with their citation, ready to send', async () => {
  await h.app.bot.handleUpdate({
    update_id: 900_003,
    inline_query: {
      id: 'iq1',
      from: { id: 3001, is_bot: false, first_name: 'R' },
      query: 'Tỷ lệ hộ nghèo Hà Nam năm 2023',
      offset: '',
    },
  });
  const call = h.recorder.calls.find((c) => c.method === 'answerInlineQuery' && c.payload.inline_query_id === 'iq1');
  const results = call?.payload.results as Array<{
    type: string;
    input_message_content: { message_text: string; parse_mode: string };
  }>;
  expect(results.length).toBeGreaterThan(0);
  expect(results.length).toBeLessThanOrEqual(5);
  expect(results.some((r) => r.input_message_content.message_text.includes('2,11%'))).toBe(true);
  expect(results[0]?.input_message_content.message_text).toMatch(/\[\d+\] Hà Nam/);
});

test('a reply over 4,096 characters is split between entries, never inside one', async () => {
  const questions = Array.from({ length: 5 }, (_, i) =>
    `Câu của ${['An', 'Bình', 'Chi', 'Dung', 'Giang'][i]} ${'lorem ipsum dolor sit amet consectetur '.repeat(24)}`.trim(),
  );
  for (const [i, q] of questions.entries()) {
    const user = h.chat({ userId: 4001 + i });
    await user.say(q);
    await user.replies();
  }
  const admin = h.chat({ userId: ADMIN });
  await admin.command('/stats');
  const messages = await admin.replies(2);
  await pause(300);
  messages.push(...admin.unread());
  for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  for (const q of questions) expect(messages.filter((m) => m.text.includes(`• ${q}`))).toHaveLength(1);
});

test('a 429 from Telegram is waited out and the reply delivered once', async () => {
  const me = h.chat({ userId: 1020 });
  const before = h.recorder.injected429;
  h.recorder.inject429Once('sendMessage');
  await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  const [reply] = await me.replies(1, 6000);
  expect(h.recorder.injected429).toBe(before + 1);
  expect(reply?.text).toContain('2,11%');
  await pause(300);
  expect(me.unread()).toEqual([]);
  expect(h.logs.some((l) => l.includes('Telegram asked to slow down'))).toBe(true);
});

test('no log line carries the token, and none is an error', () => {
  expect(h.logs.join('\n')).not.toContain(TEST_TOKEN);
  expect(h.logs.join('\n')).not.toContain(TEST_TOKEN.split(':')[1]);
  expect(errorLines(h.logs)).toEqual([]);
});
