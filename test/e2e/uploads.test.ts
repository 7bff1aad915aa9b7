import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { realEngine } from './engines.js';
import { errorLines, startHarness, type Harness } from './harness.js';

const ADMIN = 7001;
const STORED = '002_b7ed6daf0c81323d.txt';
const HA_NAM = readFileSync(join('data/reports', STORED));
const LANG_SON = readFileSync('data/reports/003_985e148d1920b709.txt');
/** Just under the 8 MB limit: the Hà Nam report over and over. */
const LARGE = Buffer.concat(Array.from({ length: Math.floor((7.9 * 1024 * 1024) / HA_NAM.length) }, () => HA_NAM));

const files = new Map<string, Buffer>([
  ['empty', Buffer.alloc(0)],
  ['binary', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00])],
  ['report', LANG_SON],
  ['large', LARGE],
]);
const document = (file_id: string, file_name: string) => ({
  document: {
    file_id,
    file_unique_id: `u-${file_id}`,
    file_name,
    file_size: files.get(file_id)!.length,
    mime_type: 'text/plain',
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ makeEngine: realEngine, files, env: { ADMIN_USER_IDS: String(ADMIN) } });
});
afterAll(async () => {
  await h?.stop();
});

const folder = () => readdirSync(h.config.REPORTS_DIR).sort();

test('an empty or binary upload leaves the stored report and its file untouched, and nothing behind', async () => {
  const admin = h.chat({ userId: ADMIN });
  const before = folder();
  await admin.send(document('empty', STORED));
  const [empty] = await admin.replies(1, 15_000);
  expect(empty?.text).toContain(`Không nhận tệp ${STORED}`);
  expect(readFileSync(join(h.config.REPORTS_DIR, STORED))).toEqual(HA_NAM);

  await admin.send(document('binary', 'new-report.txt'));
  const [binary] = await admin.replies(1, 15_000);
  expect(binary?.text).toContain('Không nhận tệp new-report.txt');
  expect(folder()).toEqual(before);
});

test.each([
  ['.hidden.txt', 'hidden.txt'],
  ['..\\..\\x.txt', 'x.txt'],
  ['Lạng\u200b Sơn\u00ad.txt', 'Lạng Sơn.txt'],
])('a file sent as %j is saved as %j, visible to ingest', async (sent, saved) => {
  const admin = h.chat({ userId: ADMIN });
  await admin.send(document('report', sent));
  const [reply] = await admin.replies(1, 15_000);
  expect(reply?.text).toContain(`<b>${saved}</b>`);
  expect(folder()).toContain(saved);
  expect(folder().filter((f) => f.startsWith('.'))).toEqual([]);
  expect(h.engine.sources().map((s) => s.file)).toContain(saved);
});

test('a name with nothing before its extension is refused with a clear reply', async () => {
  const admin = h.chat({ userId: ADMIN });
  const before = folder();
  await admin.send(document('report', '..txt'));
  const [reply] = await admin.replies(1, 15_000);
  expect(reply?.text).toContain('Tên tệp “..txt” không dùng được');
  expect(folder()).toEqual(before);
});

test('while a 7.9 MB upload is ingested, another user is answered', async () => {
  const admin = h.chat({ userId: ADMIN });
  const user = h.chat({ userId: 7002 });
  await admin.send(document('large', 'large.txt'));
  // The upload is under way once the bot asked for the file.
  while (!h.recorder.calls.some((c) => c.method === 'getFile' && c.payload.file_id === 'large')) {
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 200));
  await user.say('Tỷ lệ hộ nghèo Bắc Kạn năm 2024?');
  const [answer] = await user.replies(1, 30_000);
  expect(answer?.text).toMatch(/\d/);
  expect(admin.unread()).toEqual([]);
  const [uploaded] = await admin.replies(1, 120_000);
  expect(uploaded?.text).toContain('large.txt');
});

test('/nguon lists a report ingested from the command line, without /reload', async () => {
  const user = h.chat({ userId: 7003 });
  await user.command('/nguon');
  const [before] = await user.replies();
  expect(before?.text).not.toContain('Thái Bình');
  writeFileSync(
    join(h.config.REPORTS_DIR, 'thai-binh.txt'),
    HA_NAM.toString('utf8').replaceAll('Hà Nam', 'Thái Bình').replace(/^/, 'Thái Bình: báo cáo năm 2023\n'),
  );
  const run = await runCli('ingest', ['--data', h.config.REPORTS_DIR, '--index', h.config.INDEX_DIR]);
  expect(run.code).toBe(0);
  await user.command('/nguon');
  const [after] = await user.replies();
  expect(after?.text).toContain('Thái Bình');
});

test('/reload takes in a file dropped into the folder, while questions are still answered', async () => {
  const admin = h.chat({ userId: ADMIN });
  const user = h.chat({ userId: 7004 });
  const held = h.engine.sources().length;
  writeFileSync(
    join(h.config.REPORTS_DIR, 'nam-dinh.txt'),
    HA_NAM.toString('utf8').replaceAll('Hà Nam', 'Nam Định').replace(/^/, 'Nam Định: báo cáo năm 2023\n'),
  );
  await admin.command('/reload');
  await user.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  const [answer] = await user.replies(1, 15_000);
  expect(answer?.text).toContain('2,11%');
  const [done] = await admin.replies(1, 30_000);
  expect(done?.text).toContain(`Đã nạp lại: ${held + 1} báo cáo`);
  expect(errorLines(h.logs)).toEqual([]);
});
