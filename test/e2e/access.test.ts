import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { realEngine } from './engines.js';
import { startHarness, type Harness } from './harness.js';

const ALLOWED_USER = 5001;
const ALLOWED_GROUP = -100500;
const ADMIN = 5002;
const STRANGER = 5003;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bundled report under a new name: a real file for the upload to ingest. */
const REPORT = readFileSync('data/reports/002_b7ed6daf0c81323d.txt');
const files = new Map<string, Buffer>([['report-1', REPORT]]);
const document = (file_id: string, file_name: string, file_size: number) => ({
  document: { file_id, file_unique_id: `u-${file_id}`, file_name, file_size, mime_type: 'text/plain' },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    makeEngine: realEngine,
    files,
    env: { ALLOWED_CHAT_IDS: `${ALLOWED_USER},${ALLOWED_GROUP}`, ADMIN_USER_IDS: String(ADMIN) },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('allowlist', () => {
  test('an allowed chat is answered', async () => {
    const me = h.chat({ userId: ALLOWED_USER });
    await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    const [reply] = await me.replies();
    expect(reply?.text).toContain('2,11%');
  });

  test('another chat gets one polite refusal, then silence', async () => {
    const stranger = h.chat({ userId: STRANGER });
    await stranger.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    const [refusal] = await stranger.replies();
    expect(refusal?.text).toContain('Xin lỗi');
    await stranger.say('Tỷ lệ hộ nghèo Bắc Kạn?');
    await stranger.command('/help');
    await pause(300);
    expect(stranger.unread()).toEqual([]);
  });
});

describe('admin', () => {
  test('a report sent by an admin is ingested and what was found is shown', async () => {
    const admin = h.chat({ userId: ADMIN });
    await admin.send(document('report-1', 'ha-nam-2023-ban-sao.txt', REPORT.length));
    const [reply] = await admin.replies(1, 15_000);
    expect(reply?.text).toContain('ha-nam-2023-ban-sao.txt');
    expect(reply?.text).toContain('Hà Nam');
    expect(reply?.text).toMatch(/Số liệu: [1-9]/);
    expect(h.recorder.calls.some((c) => c.method === 'getFile')).toBe(true);
  });

  test('a report from anyone else is refused', async () => {
    const me = h.chat({ userId: ALLOWED_USER });
    await me.send(document('report-1', 'report.txt', REPORT.length));
    const [reply] = await me.replies();
    expect(reply?.text).toContain('quản trị viên');
  });

  test('a file over the size limit is refused with a clear message', async () => {
    const admin = h.chat({ userId: ADMIN });
    await admin.send(document('report-2', 'huge.txt', 20 * 1024 * 1024));
    const [reply] = await admin.replies();
    expect(reply?.text).toContain('8 MB');
  });

  test('/reload is for admins only', async () => {
    const me = h.chat({ userId: ALLOWED_USER });
    await me.command('/reload');
    const [refused] = await me.replies();
    expect(refused?.text).toContain('quản trị viên');
    const admin = h.chat({ userId: ADMIN });
    await admin.command('/reload');
    const [done] = await admin.replies(1, 10_000);
    expect(done?.text).toMatch(/Đã nạp lại: \d+ báo cáo/);
  });
});

test('the file URL (it carries the token) is never logged', () => {
  expect(h.logs.join('\n')).not.toContain('/file/bot');
});
