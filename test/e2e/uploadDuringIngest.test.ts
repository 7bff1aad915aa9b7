import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INGEST_LOCK_FILE } from '../../src/store/ingestLock.js';
import { startCli } from '../cli/runCli.js';
import { realEngine } from './engines.js';
import { startHarness, until, type Harness } from './harness.js';

const ADMIN = 9101;
const REPORT = readFileSync('data/reports/002_b7ed6daf0c81323d.txt');
const files = new Map<string, Buffer>([['report-1', REPORT]]);
const upload = (file_name: string) => ({
  document: { file_id: 'report-1', file_unique_id: 'u-report-1', file_name, file_size: REPORT.length },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ makeEngine: realEngine, files, env: { ADMIN_USER_IDS: String(ADMIN) } });
});
afterAll(async () => {
  await h?.stop();
});

test('an upload while an ingest runs on the same index is told to retry, and is stored whole after', async () => {
  // Enough copies in the bot's own reports folder for the command-line ingest to take a few seconds.
  const reports = h.config.REPORTS_DIR;
  for (let i = 0; i < 12; i++) {
    for (const f of readdirSync('data/reports')) cpSync(join('data/reports', f), join(reports, `x${i}_${f}`));
  }
  const ingest = startCli('ingest', ['--data', reports, '--index', h.config.INDEX_DIR]);
  await until(() => existsSync(join(h.config.INDEX_DIR, INGEST_LOCK_FILE)), 20_000);

  const admin = h.chat({ userId: ADMIN });
  await admin.send(upload('tai-len-trong-luc-nap.txt'));
  const [busy] = await admin.replies(1, 15_000);
  expect(busy?.text).toContain('gửi lại');
  expect(h.engine.sources().some((s) => s.file === 'tai-len-trong-luc-nap.txt')).toBe(false);

  expect((await ingest.done).code).toBe(0);
  await admin.send(upload('tai-len-trong-luc-nap.txt'));
  const [stored] = await admin.replies(1, 15_000);
  expect(stored?.text).toContain('tai-len-trong-luc-nap.txt');
  const doc = h.engine.sources().find((s) => s.file === 'tai-len-trong-luc-nap.txt');
  const original = h.engine.sources().find((s) => s.file === '002_b7ed6daf0c81323d.txt');
  expect([doc?.passages, doc?.figures]).toEqual([original?.passages, original?.figures]);
});
