import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { realEngine } from './engines.js';
import { startHarness, type Harness } from './harness.js';

/** Not shaped like Telegram's (no digits and colon, short): a pattern-based scrubber misses it. */
const TOKEN = 'odd-token.short~1';
const ADMIN = 9301;
const REPORT = readFileSync('data/reports/002_b7ed6daf0c81323d.txt');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    makeEngine: realEngine,
    token: TOKEN,
    logLevel: 'trace',
    files: new Map([['report', REPORT]]),
    env: { ADMIN_USER_IDS: String(ADMIN) },
  });
});
afterAll(async () => {
  await h?.stop();
});

const warnings = () => h.logs.filter((l) => (JSON.parse(l) as { level: number }).level >= 40);

test('every failure path at trace level keeps the token out of the logs', async () => {
  const admin = h.chat({ userId: ADMIN });
  // A question answered, a 429 waited out.
  h.recorder.inject429Once('sendMessage');
  await admin.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  await admin.replies(1, 10_000);
  // A download that fails (the file is not there): the update fails and is apologised for.
  await admin.send({
    document: { file_id: 'missing', file_unique_id: 'u-missing', file_name: 'x.txt', file_size: 10 },
  });
  const [apology] = await admin.replies(1, 10_000);
  expect(apology?.text).toContain('Xin lỗi');
  // The Bot API goes away: a reply fails on the network (retried, then given up), the request
  // URL in the error's cause.
  await h.server.stop();
  const before = warnings().length;
  await expect(h.app.bot.api.sendMessage(ADMIN, 'Tỷ lệ hộ nghèo Hà Nam năm 2023: 2,11%')).rejects.toThrow();
  expect(warnings().length).toBeGreaterThan(before + 2);

  const logs = h.logs.join('\n');
  expect(logs).toContain('Bot API request failed');
  expect(logs).toContain('[secret]');
  for (const form of [TOKEN, encodeURIComponent(TOKEN), 'odd-token', 'short~1']) expect(logs).not.toContain(form);
});
