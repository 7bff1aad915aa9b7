import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CorpusStore } from '../../src/store/corpusStore.js';
import { INGEST_LOCK_FILE } from '../../src/store/ingestLock.js';
import { REPO_ROOT, removeDir, REPORTS_DIR, tempDir } from '../helpers.js';
import { runCli, startCli } from './runCli.js';

/** Copies of the bundled reports under new names: an ingest long enough to act during it. */
const COPIES = 16;
let root: string;
let big: string;
const bundled = readdirSync(REPORTS_DIR).filter((f) => f.endsWith('.txt'));

beforeAll(() => {
  root = tempDir('ansinh-writers-');
  big = join(root, 'big');
  mkdirSync(big);
  for (let i = 0; i < COPIES; i++) {
    for (const f of bundled) cpSync(join(REPORTS_DIR, f), join(big, `${String(i).padStart(3, '0')}_${f}`));
  }
});
afterAll(() => removeDir(root));

function withStore<T>(indexDir: string, read: (store: CorpusStore) => T): T {
  const store = new CorpusStore(indexDir, { readonly: true });
  try {
    return read(store);
  } finally {
    store.close();
  }
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function storedCount(index: string): number {
  try {
    return withStore(index, (s) => s.documents().length);
  } catch {
    return 0; // not created yet
  }
}

describe('writers wait their turn', () => {
  test('a second ingest on the same index is refused, naming the index and since when', async () => {
    const index = join(root, 'two-ingests');
    const first = startCli('ingest', ['--data', big, '--index', index]);
    await until(() => existsSync(join(index, INGEST_LOCK_FILE)));
    const second = await runCli('ingest', ['--data', big, '--index', index]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`another ingest is running on ${resolve(index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} since \\d{4}-`),
    );
    expect((await first.done).code).toBe(0);
    expect(storedCount(index)).toBe(COPIES * bundled.length);
    expect(existsSync(join(index, INGEST_LOCK_FILE))).toBe(false);
  });

  test('a write while another process holds the write lock waits for it instead of failing', async () => {
    const index = join(root, 'busy');
    await runCli('ingest', ['--data', REPORTS_DIR, '--index', index]);
    // Another process takes the write lock and keeps it for 800 ms.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE'); db.prepare("INSERT INTO meta(key, value) VALUES ('held', '1')").run();
         process.stdout.write('held\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 800);
         db.exec('COMMIT');`,
        join(index, 'corpus.db'),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((r) => holder.stdout.once('data', () => r()));
    const store = new CorpusStore(index);
    const started = Date.now();
    try {
      // What an upload does: read, then replace a document, in one transaction.
      const doc = store.documents()[0]!;
      store.replaceDocument({ ...doc, hash: 'changed', text: 'x', warnings: [] }, []);
    } finally {
      store.close();
    }
    expect(Date.now() - started).toBeGreaterThan(500);
    await new Promise((r) => holder.on('exit', r));
    expect(withStore(index, (s) => s.documents().find((d) => d.hash === 'changed'))).toBeDefined();
  });
});

test('a question asked while an ingest runs is answered from what is stored, with a warning', async () => {
  const index = join(root, 'ask-during-ingest');
  await runCli('ingest', ['--data', REPORTS_DIR, '--index', index]);
  // This test process stands for the running ingest.
  writeFileSync(join(index, INGEST_LOCK_FILE), JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  try {
    const asked = await runCli('ask', ['--index', index, 'Tỷ lệ hộ nghèo Hà Nam năm 2023?']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('2,11%');
    expect(asked.stderr).toContain('another ingest is running on');
    expect(asked.stderr).toContain('answering from the documents stored so far');
  } finally {
    rmSync(join(index, INGEST_LOCK_FILE));
  }
});

describe('an ingest stopped by a signal', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s stops it after the document in hand; the store is whole and a re-run continues',
    async (signal) => {
      const index = join(root, `stopped-${signal}`);
      const run = startCli('ingest', ['--data', big, '--index', index]);
      await until(() => storedCount(index) >= 5);
      const at = Date.now();
      run.child.kill(signal);
      const stopped = await run.done;
      const ms = Date.now() - at;
      expect(stopped.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(stopped.stderr).toContain('run the same command again to continue');
      expect(ms).toBeLessThan(2000);
      expect(existsSync(join(index, INGEST_LOCK_FILE))).toBe(false);

      // Every stored copy is whole: as many passages and figures as its original.
      const reference = join(root, 'reference');
      if (!existsSync(reference)) await runCli('ingest', ['--data', REPORTS_DIR, '--index', reference]);
      const whole = withStore(reference, (s) => new Map(s.documents().map((d) => [d.file, [d.passages, d.figures]])));
      const stored = withStore(index, (s) => s.documents());
      expect(stored.length).toBeLessThan(COPIES * bundled.length);
      for (const d of stored) expect([d.passages, d.figures]).toEqual(whole.get(d.file.slice(4)));

      const rerun = await runCli('ingest', ['--data', big, '--index', index, '--json']);
      expect(rerun.code).toBe(0);
      expect(storedCount(index)).toBe(COPIES * bundled.length);
    },
  );
});

test('SIGTERM sent to `npm run ingest` reaches the ingest, which stops after the document in hand', async () => {
  const index = join(root, 'through-npm');
  const npm = spawn('npm', ['run', '--silent', 'ingest', '--', '--data', big, '--index', index], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', REPORTS_DIR: '', INDEX_DIR: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  npm.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  await until(() => storedCount(index) >= 5);
  npm.kill('SIGTERM');
  // The lock is released by the ingest itself as it stops (npm may exit before it).
  await until(() => !existsSync(join(index, INGEST_LOCK_FILE)), 3000);
  await new Promise((r) => npm.once('close', r));
  expect(stderr).toContain('stopping after the document in hand');
  expect(storedCount(index)).toBeLessThan(COPIES * bundled.length);
});
