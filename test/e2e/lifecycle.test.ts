import { afterAll, beforeAll, expect, test } from 'vitest';
import { SHUTDOWN_BUDGET_MS } from '../../src/bot/stopOnSignals.js';
import { realEngine } from './engines.js';
import { startHarness, until, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ makeEngine: realEngine });
});
afterAll(async () => {
  await h?.stop();
});

test('a reply held back by Telegram does not hold up other chats', async () => {
  const slow = h.chat({ userId: 6101 });
  const other = h.chat({ userId: 6102 });
  // The 429 holds the first chat's reply for a second, and with it the offset the bot confirms.
  h.recorder.inject429Once('sendMessage');
  await slow.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  await until(() => h.recorder.injected429 === 1);
  const asked = Date.now();
  await other.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  const [quick] = await other.replies(1, 900);
  expect(quick?.text).toContain('2,11%');
  expect(Date.now() - asked).toBeLessThan(900);
  expect(slow.unread()).toEqual([]);
  const [late] = await slow.replies(1, 3000);
  expect(late?.text).toContain('2,11%');
});

test('stopping finishes the reply in flight, then takes no more questions', async () => {
  const me = h.chat({ userId: 6001 });
  // A 429 holds the reply for a second: the stop has to wait for it.
  h.recorder.inject429Once('sendMessage');
  await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  const deadline = Date.now() + 5000;
  while (!h.recorder.calls.some((c) => c.method === 'sendChatAction' && c.payload.chat_id === 6001)) {
    if (Date.now() > deadline) throw new Error('the question was never picked up');
    await new Promise((r) => setTimeout(r, 5));
  }
  const started = Date.now();
  await h.running.stop();
  expect(Date.now() - started).toBeLessThan(SHUTDOWN_BUDGET_MS);
  const [reply] = await me.replies(1, 100);
  expect(reply?.text).toContain('2,11%');

  await me.say('Tỷ lệ hộ nghèo Bắc Kạn năm 2024?');
  await new Promise((r) => setTimeout(r, 300));
  expect(me.unread()).toEqual([]);
});
