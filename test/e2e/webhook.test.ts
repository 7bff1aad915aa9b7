import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { realEngine } from './engines.js';
import { freePort, startHarness, type Harness } from './harness.js';

const SECRET = 'webhook-secret-for-tests';
let h: Harness;
let port: number;
beforeAll(async () => {
  port = await freePort();
  h = await startHarness({
    makeEngine: realEngine,
    env: { WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_SECRET: SECRET, PORT: String(port) },
  });
});
afterAll(async () => {
  await h?.stop();
});

interface Sent {
  body?: string | Buffer;
  secret?: string;
  headers?: Record<string, string>;
  /** Writes this many bytes of filler after the body, in 64 KB chunks. */
  filler?: number;
}

/** One POST to the webhook; resolves with the status, or fails after 5 s (a hung request). */
function post({ body = '', secret = SECRET, headers = {}, filler = 0 }: Sent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/hook',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret, ...headers },
        timeout: 5000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => {
      req.destroy();
      reject(new Error('the webhook did not answer in 5 s'));
    });
    req.on('error', (err) => (filler > 0 ? undefined : reject(err)));
    req.write(body);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = filler;
    const pump = (): void => {
      while (left > 0) {
        left -= chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

const message = (updateId: number, chatId: number, text: string) =>
  JSON.stringify({
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Web' },
      from: { id: chatId, is_bot: false, first_name: 'Web' },
      text,
    },
  });

test.each([
  ['malformed JSON', { body: '{"update_id": 1, "message": {' }, 400],
  ['JSON that is not an update', { body: '[1, 2, 3]' }, 400],
  ['an update with no chat', { body: JSON.stringify({ update_id: 2, poll: { id: 'p', question: 'q' } }) }, 200],
  ['a message with no chat', { body: JSON.stringify({ update_id: 3, message: { message_id: 1, date: 0 } }) }, 200],
  [
    'a tap with no message',
    {
      body: JSON.stringify({
        update_id: 6,
        callback_query: { id: 'q6', from: { id: 9103, is_bot: false, first_name: 'W' }, chat_instance: 'c', data: 'x' },
      }),
    },
    200,
  ],
  [
    'an inline query',
    {
      body: JSON.stringify({
        update_id: 7,
        inline_query: { id: 'i7', from: { id: 9103, is_bot: false, first_name: 'W' }, query: 'hộ nghèo', offset: '' },
      }),
    },
    200,
  ],
  ['a wrong secret', { body: message(4, 9101, 'hi'), secret: 'wrong' }, 401],
  ['a declared 200 MB body', { body: '{}', headers: { 'content-length': String(200 * 1024 * 1024) } }, 413],
  ['a 3 MB body without a declared length', { body: '{"update_id": 5, "x": "', filler: 3 * 1024 * 1024 }, 413],
])('%s is answered at once', async (_case, sent, status) => {
  expect(await post(sent)).toBe(status);
});

test('an update sent twice is answered once', async () => {
  const chat = h.chat({ userId: 9102 });
  const update = message(100, 9102, 'Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  expect(await post({ body: update })).toBe(200);
  expect(await post({ body: update })).toBe(200);
  const [reply] = await chat.replies(1, 10_000);
  expect(reply?.text).toContain('2,11%');
  await new Promise((r) => setTimeout(r, 500));
  expect(chat.unread()).toEqual([]);
});
