import { describe, expect, test } from 'vitest';
import {
  CALLBACK_DATA_LIMIT,
  decodeCallback,
  encodeCallback,
  type CallbackAction,
} from '../../src/bot/callbackData.js';

describe('callback data', () => {
  test.each<CallbackAction>([
    { kind: 'source', id: 'Jv83fq7Z', n: 1 },
    { kind: 'source', id: 'a-b_c', n: 12 },
    { kind: 'more', id: 'Jv83fq7Z', page: 0 },
    { kind: 'more', id: 'Jv83fq7Z', page: 3 },
    { kind: 'vote', id: 'Jv83fq7Z', vote: 1 },
    { kind: 'vote', id: 'Jv83fq7Z', vote: -1 },
  ])('round trip %o', (action) => {
    const data = encodeCallback(action);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(decodeCallback(data)).toEqual(action);
  });

  test.each(['', 'x', 's:abc', 's:abc:0', 'v:abc:1', 'q:abc:1', 's:ab c:1', 'm:abc:-1', `s:${'a'.repeat(17)}:1`])(
    'refuses %j',
    (data) => {
      expect(decodeCallback(data)).toBeNull();
    },
  );

  test('the longest data fits Telegram’s 64 bytes', () => {
    const data = encodeCallback({ kind: 'source', id: 'a'.repeat(16), n: 999 });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
  });

  test('an id that could break the format is refused when encoding', () => {
    expect(() => encodeCallback({ kind: 'more', id: 'a:b', page: 0 })).toThrow(/url-safe/);
  });
});
