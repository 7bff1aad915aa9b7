import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, test } from 'vitest';
import { ingestReports, type IngestSummary } from '../../src/ingest/ingestReports.js';
import { CorpusStore } from '../../src/store/corpusStore.js';
import { copyReports, REPO_ROOT, removeDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** The bundled, real and held-out reports in one folder, with files that fail in each way a report can. */
function mixedFolder(): string {
  const reports = copyReports();
  dirs.push(join(reports, '..'));
  for (const folder of [
    '../shared/eval/real/reports',
    'test/fixtures/holdout/reports',
    'test/fixtures/holdout2/reports',
  ]) {
    const from = join(REPO_ROOT, folder);
    try {
      for (const f of readdirSync(from)) cpSync(join(from, f), join(reports, `${folder.split('/').at(-2)}-${f}`));
    } catch {
      // The real reports sit beside the repository only on the machines that have them.
    }
  }
  writeFileSync(join(reports, 'empty.txt'), '  \n');
  writeFileSync(join(reports, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0]));
  writeFileSync(join(reports, 'big.txt'), Buffer.alloc(10 * 1024 * 1024, 'a'));
  writeFileSync(join(reports, 'broken.docx'), Buffer.from('PK\u0003\u0004 not a zip'));
  writeFileSync(
    join(reports, 'legacy.txt'),
    iconv.encode(
      'Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang: năm 2023 giải quyết việc làm cho 15.000 người.',
      'windows1258',
    ),
  );
  return reports;
}

/** Everything stored, row ids included: the same writes in the same order give the same ids. */
function contents(store: CorpusStore): unknown {
  return store.documents().map((doc) => ({
    doc,
    text: store.documentText(doc.id),
    passages: store.passagesOfDocument(doc.id).map((p) => ({ ...p, figures: store.figuresOfPassage(p.id) })),
  }));
}

function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

async function ingestWith(reports: string, workers: number): Promise<{ summary: IngestSummary; stored: unknown }> {
  const index = tempDir();
  dirs.push(index);
  const store = new CorpusStore(index);
  try {
    const summary = await ingestReports({ store, reportsDir: reports, workers });
    return { summary, stored: contents(store) };
  } finally {
    store.close();
  }
}

describe('ingest with parsing worker threads', () => {
  test('stores exactly what parsing in the writing thread stores, and says the same of every file', async () => {
    const reports = mixedFolder();
    const serial = await ingestWith(reports, 0);
    const pooled = await ingestWith(reports, 2);
    expect(pooled.summary).toEqual(serial.summary);
    expect(pooled.stored).toEqual(serial.stored);
    expect(serial.summary.documents.filter((d) => d.status === 'failed').map((d) => d.file)).toEqual([
      'big.txt',
      'binary.txt',
      'broken.docx',
      'empty.txt',
    ]);
  });

  test('a stop keeps the documents taken in file order, drops those read ahead, and a re-run continues', async () => {
    const reports = copyReports();
    const index = tempDir();
    dirs.push(join(reports, '..'), index);
    const store = new CorpusStore(index);
    const stop = new AbortController();
    const first = await ingestReports({
      store,
      reportsDir: reports,
      workers: 1,
      signal: stop.signal,
      onProgress: (p) => p.done === 2 && stop.abort(),
    });
    expect(first.stopped).toBe(true);
    expect(first.documents.map((d) => [d.file.slice(0, 3), d.status])).toEqual([
      ['000', 'added'],
      ['001', 'added'],
    ]);
    expect(store.documents().map((d) => d.file.slice(0, 3))).toEqual(['000', '001']);
    const rest = await ingestReports({ store, reportsDir: reports, workers: 1 });
    expect(rest.documents.map((d) => d.status)).toEqual(['unchanged', 'unchanged', 'added', 'added', 'added']);
    store.close();
  });

  test('a stop from outside the run (a signal) is seen between documents parsed ahead', async () => {
    const reports = copyReports();
    const index = tempDir();
    dirs.push(join(reports, '..'), index);
    const store = new CorpusStore(index);
    const stop = new AbortController();
    const summary = await ingestReports({
      store,
      reportsDir: reports,
      workers: 1,
      signal: stop.signal,
      onProgress: (p) => {
        // A long write: the worker meanwhile parses every other file, so none is waited for after it.
        if (p.done === 1) busyFor(1000);
        // What a signal handler does: it runs when the event loop turns.
        if (p.done === 2) setImmediate(() => stop.abort());
      },
    });
    expect(summary.stopped).toBe(true);
    expect(summary.documents).toHaveLength(2);
    store.close();
  });
});
