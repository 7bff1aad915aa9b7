import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { acquireIngestLock, INGEST_LOCK_FILE, IngestLockedError } from '../../src/store/ingestLock.js';
import { removeDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function indexDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

test('a lock held by a live process is refused, naming the index, the holder and since when', () => {
  const dir = indexDir();
  // The test runner's parent is alive for as long as the test runs.
  writeFileSync(join(dir, INGEST_LOCK_FILE), JSON.stringify({ pid: process.ppid, since: '2026-01-02T03:04:05.000Z' }));
  expect(() => acquireIngestLock(dir)).toThrow(IngestLockedError);
  expect(() => acquireIngestLock(dir)).toThrow(`since 2026-01-02T03:04:05.000Z (process ${process.ppid})`);
});

test('a lock left by a process that is gone is taken over, and released', () => {
  const dir = indexDir();
  // Far above any pid the kernel hands out.
  writeFileSync(join(dir, INGEST_LOCK_FILE), JSON.stringify({ pid: 2 ** 30, since: '2026-01-02T03:04:05.000Z' }));
  const release = acquireIngestLock(dir);
  expect(() => acquireIngestLock(dir)).toThrow(`process ${process.pid}`);
  release();
  expect(existsSync(join(dir, INGEST_LOCK_FILE))).toBe(false);
});
