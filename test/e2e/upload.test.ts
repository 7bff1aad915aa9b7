import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeReportFixtures, type ReportFixtures } from '../../scripts/make-report-fixtures.js';
import { removeDir, tempDir } from '../helpers.js';
import { realEngine } from './engines.js';
import { startHarness, type Harness } from './harness.js';

const ADMIN = 6002;
const USER = 6001;

const files = new Map<string, Buffer>();
const document = (file_id: string, file_name: string) => ({
  document: { file_id, file_unique_id: `u-${file_id}`, file_name, file_size: files.get(file_id)!.length },
});

let h: Harness;
let fixtures: ReportFixtures;
beforeAll(async () => {
  fixtures = await makeReportFixtures(tempDir('ansinh-upload-'));
  files.set('docx', readFileSync(fixtures.docx));
  files.set('pdf', readFileSync(fixtures.pdf));
  files.set('bomb', readFileSync(fixtures.zipBomb));
  files.set('broken', readFileSync(fixtures.corruptDocx));
  h = await startHarness({
    makeEngine: realEngine,
    files,
    env: { ADMIN_USER_IDS: String(ADMIN) },
  });
}, 60_000);
afterAll(async () => {
  await h?.stop();
  if (fixtures) removeDir(fixtures.dir);
});

describe('uploads in Word and PDF', () => {
  test('an admin sends a .docx; it is ingested and its table answers', async () => {
    const admin = h.chat({ userId: ADMIN });
    await admin.send(document('docx', 'quang-tri-2024.docx'));
    const [reply] = await admin.replies(1, 20_000);
    expect(reply?.text).toContain('quang-tri-2024.docx');
    expect(reply?.text).toContain('Quảng Trị');
    await admin.say('Quảng Trị cai nghiện ma túy năm 2024 bao nhiêu người?');
    const [answer] = await admin.replies(1, 15_000);
    expect(answer?.text).toContain('497 người');
    expect(answer?.text).toContain('bảng 1 · dòng «Cai nghiện ma túy» · cột «Thực hiện năm 2024»');
  });

  test('an admin sends a .pdf; it is ingested and its table answers', async () => {
    const admin = h.chat({ userId: ADMIN });
    await admin.send(document('pdf', 'ninh-binh-2024.pdf'));
    const [reply] = await admin.replies(1, 20_000);
    expect(reply?.text).toContain('Ninh Bình');
    await admin.say('Ninh Bình giải quyết việc làm năm 2024 được bao nhiêu người?');
    const [answer] = await admin.replies(1, 15_000);
    expect(answer?.text).toContain('3.200 người');
    expect(answer?.text).toContain('cột «Thực hiện 2024»');
  });

  test('a zip bomb is refused, nothing is saved, and the bot goes on answering', async () => {
    const admin = h.chat({ userId: ADMIN });
    await admin.send(document('bomb', 'bom-nen.docx'));
    const [reply] = await admin.replies(1, 20_000);
    expect(reply?.text).toContain('Không nhận tệp bom-nen.docx');
    expect(reply?.text).toContain('bom nén');
    expect(readdirSync(h.config.REPORTS_DIR)).not.toContain('bom-nen.docx');
    await admin.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    const [answer] = await admin.replies(1, 15_000);
    expect(answer?.text).toContain('2,11%');
  });

  test('a broken Word file is refused with a clear reply', async () => {
    const admin = h.chat({ userId: ADMIN });
    await admin.send(document('broken', 'hong.docx'));
    const [reply] = await admin.replies(1, 20_000);
    expect(reply?.text).toContain('bị hỏng');
    expect(readdirSync(h.config.REPORTS_DIR)).not.toContain('hong.docx');
  });

  test("a non-admin's Word file is refused", async () => {
    const me = h.chat({ userId: USER });
    await me.send(document('docx', 'quang-tri-2024.docx'));
    const [reply] = await me.replies();
    expect(reply?.text).toContain('quản trị viên');
  });

  test('a file of another type is refused, naming the formats and the size limit', async () => {
    files.set('xlsx', Buffer.from('PK'));
    const admin = h.chat({ userId: ADMIN });
    await admin.send(document('xlsx', 'bang.xlsx'));
    const [reply] = await admin.replies();
    expect(reply?.text).toBe('Chỉ nhận báo cáo dạng .txt, .md, .html, .docx, .pdf, tối đa 8 MB.');
  });
});

test('the reports folder holds the two accepted uploads', () => {
  const saved = readdirSync(h.config.REPORTS_DIR);
  expect(saved).toEqual(expect.arrayContaining(['quang-tri-2024.docx', 'ninh-binh-2024.pdf']));
  expect(saved.some((f) => f.endsWith('.upload'))).toBe(false);
});
