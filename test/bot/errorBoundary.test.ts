import { HttpError } from 'grammy';
import { expect, test } from 'vitest';
import { hashUser } from '../../src/bot/features/callbacks.js';
import { safeError } from '../../src/bot/errorBoundary.js';

const TOKEN = '123456789:AAH-emulatorOnlyTokenForTests_0123456';

test('a network error keeps its cause but loses the token in the request URL', () => {
  const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed, reason: ECONNRESET`);
  const err = new HttpError("Network request for 'sendMessage' failed!", cause);
  const safe = safeError(err);
  expect(JSON.stringify(safe)).not.toContain(TOKEN);
  expect(safe.cause).toBe(
    'Error: request to https://api.telegram.org/bot[token]/sendMessage failed, reason: ECONNRESET',
  );
});

test('a thrown string becomes a plain message', () => {
  expect(safeError(`bad ${TOKEN}`)).toEqual({ name: 'string', message: 'bad [token]' });
});

test('feedback hashes are stable per user, differ between users, and hide the id', () => {
  const a = hashUser(1001, TOKEN);
  expect(a).toBe(hashUser(1001, TOKEN));
  expect(a).not.toBe(hashUser(1002, TOKEN));
  expect(a).not.toContain('1001');
  expect(a).toMatch(/^[0-9a-f]{32}$/);
});
