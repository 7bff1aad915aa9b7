import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CorpusStore } from '../../src/store/corpusStore.js';
import { REPO_ROOT, removeDir, REPORTS_DIR, tempDir } from '../helpers.js';
import { runCli } from './runCli.js';

/** Two reports folders: A holds other provinces' reports than the bundled ones (B). */
let root: string;
let folderA: string;
let folderB: string;
const filesOf = (dir: string) => readdirSync(dir).sort();

function storedFiles(indexDir: string): string[] {
  const store = new CorpusStore(indexDir, { readonly: true });
  try {
    return store.documents().map((d) => d.file);
  } finally {
    store.close();
  }
}

beforeAll(() => {
  root = tempDir('ansinh-folders-');
  folderA = join(root, 'A');
  folderB = join(root, 'B');
  cpSync(join(REPO_ROOT, 'test/fixtures/holdout/reports'), folderA, { recursive: true });
  cpSync(REPORTS_DIR, folderB, { recursive: true });
});
afterAll(() => removeDir(root));

describe('an index knows its reports folder', () => {
  test('a question asked without --data is answered from the folder the index was built from', async () => {
    const index = join(root, 'one');
    expect((await runCli('ingest', ['--data', folderA, '--index', index])).code).toBe(0);
    const asked = await runCli('ask', ['--index', index, '--json', 'Tỷ lệ hộ nghèo Nghệ An năm 2023?']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('4,07%');
    expect(storedFiles(index)).toEqual(filesOf(folderA));
  });

  test.each([
    ['ask', ['Tỷ lệ hộ nghèo Hà Nam năm 2023?']],
    ['eval', ['--questions', join(REPO_ROOT, 'test/fixtures/holdout/questions.jsonl')]],
    ['ingest', []],
  ])('%s given another folder refuses, naming both, and drops nothing', async (command, args) => {
    const index = join(root, `refuse-${command}`);
    await runCli('ingest', ['--data', folderA, '--index', index]);
    const refused = await runCli(command, ['--index', index, '--data', folderB, ...args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`was built from ${resolve(folderA)}, not from ${resolve(folderB)}`);
    expect(refused.stderr).toContain('--reindex');
    expect(storedFiles(index)).toEqual(filesOf(folderA));
  });

  test('REPORTS_DIR naming another folder is refused like --data', async () => {
    const index = join(root, 'env');
    await runCli('ingest', ['--data', folderA, '--index', index]);
    const refused = await runCli('ask', ['--index', index, 'Tỷ lệ hộ nghèo Hà Nam năm 2023?'], {
      REPORTS_DIR: folderB,
    });
    expect(refused.code).toBe(1);
    expect(storedFiles(index)).toEqual(filesOf(folderA));
  });

  test('--reindex switches the index to the new folder, which later commands then use', async () => {
    const index = join(root, 'switch');
    await runCli('ingest', ['--data', folderA, '--index', index]);
    const switched = await runCli('ingest', ['--data', folderB, '--index', index, '--reindex']);
    expect(switched.code).toBe(0);
    expect(storedFiles(index)).toEqual(filesOf(folderB));
    const asked = await runCli('ask', ['--index', index, 'Tỷ lệ hộ nghèo Hà Nam năm 2023?']);
    expect(asked.stdout).toContain('2,11%');
  });
});

describe('--readonly', () => {
  test('answers from the index as it is: nothing ingested, nothing written', async () => {
    const reports = join(root, 'growing');
    const index = join(root, 'readonly');
    cpSync(folderA, reports, { recursive: true });
    await runCli('ingest', ['--data', reports, '--index', index]);
    // A report added after the ingest is not seen by a read-only view.
    cpSync(join(folderB, filesOf(folderB)[0]!), join(reports, 'moi.txt'));
    // A reader may leave an empty write-ahead log behind; a write would fill it.
    const wal = join(index, 'corpus.db-wal');
    const written = () => [statSync(join(index, 'corpus.db')).mtimeMs, existsSync(wal) ? statSync(wal).size : 0];
    const before = written();
    const asked = await runCli('ask', ['--index', index, '--readonly', 'Tỷ lệ hộ nghèo Nghệ An năm 2023?']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('4,07%');
    expect(storedFiles(index)).toEqual(filesOf(folderA));
    expect(written()).toEqual(before);
    expect(before[1]).toBe(0);
  });

  test('a missing index is a clear message, and nothing is created', async () => {
    const index = join(root, 'nothing-here');
    const asked = await runCli('ask', ['--index', index, '--readonly', 'Tỷ lệ hộ nghèo?']);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(`No corpus store at ${join(index, 'corpus.db')} to open read-only`);
    expect(() => statSync(index)).toThrow();
  });
});

test('an older index that recorded no folder refuses a folder sharing none of its files', async () => {
  const index = join(root, 'legacy');
  await runCli('ingest', ['--data', folderA, '--index', index]);
  const store = new CorpusStore(index);
  store['db'].prepare("DELETE FROM meta WHERE key = 'reports_dir'").run();
  store.close();
  const refused = await runCli('ask', ['--index', index, '--data', folderB, 'Tỷ lệ hộ nghèo?']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('it recorded no reports folder');
});
