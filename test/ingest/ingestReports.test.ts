import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, test } from 'vitest';
import { readEvalFile } from '../../src/answer/evaluate.js';
import { ingestReports } from '../../src/ingest/ingestReports.js';
import { CorpusStore } from '../../src/store/corpusStore.js';
import { copyReports, DEV_QUESTIONS, REPO_ROOT, removeDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function setup(): { reports: string; store: CorpusStore } {
  const reports = copyReports();
  const index = tempDir();
  dirs.push(join(reports, '..'), index);
  return { reports, store: new CorpusStore(index) };
}

describe('ingestReports on the bundled reports', () => {
  test('detects province and period of each report from its text alone', async () => {
    const { reports, store } = setup();
    const summary = await ingestReports({ store, reportsDir: reports, manifestPath: join(reports, 'none.json') });
    const found = summary.documents.map((d) => [d.file.slice(0, 3), d.province, d.year, d.period]);
    expect(found).toEqual([
      ['000', 'Thái Nguyên', 2023, 'năm 2023'],
      ['001', 'Bắc Kạn', 2024, 'năm 2024'],
      ['002', 'Hà Nam', 2023, 'năm 2023'],
      ['003', 'Lạng Sơn', 2024, 'tháng 4/2024'],
      ['004', 'Tây Ninh', 2024, '9 tháng năm 2024'],
    ]);
    for (const d of summary.documents) {
      expect(d.passages).toBeGreaterThan(2);
      expect(d.figures).toBeGreaterThan(10);
      expect(d.warnings).toEqual([]);
    }
    store.close();
  });

  test('ingesting unchanged files again changes nothing', async () => {
    const { reports, store } = setup();
    await ingestReports({ store, reportsDir: reports });
    const ids = store.passageIds();
    const again = await ingestReports({ store, reportsDir: reports });
    expect(again.documents.every((d) => d.status === 'unchanged')).toBe(true);
    expect(store.passageIds()).toEqual(ids);
    store.close();
  });

  test('an unchanged file is skipped by its key without being parsed or rewritten', async () => {
    const { reports, store } = setup();
    await ingestReports({ store, reportsDir: reports });
    const before = store.documents().map((d) => [d.file, d.id]);
    const again = await ingestReports({ store, reportsDir: reports });
    expect(again.documents.map((d) => d.status)).toEqual(before.map(() => 'unchanged'));
    // Same row ids: nothing was deleted and written again.
    expect(store.documents().map((d) => [d.file, d.id])).toEqual(before);
    store.close();
  });

  test('progress is reported per file, and a stop keeps what was ingested and removes nothing', async () => {
    const { reports, store } = setup();
    await ingestReports({ store, reportsDir: reports });
    rmSync(join(reports, '004_2cf5d5601a4462f1.txt'));
    appendFileSync(
      join(reports, '001_14133727df29d6d0.txt'),
      '\nNăm 2023 toàn tỉnh hỗ trợ 54.321 hộ nghèo vay vốn ưu đãi.\n',
    );
    appendFileSync(
      join(reports, '002_b7ed6daf0c81323d.txt'),
      '\nNăm 2024 toàn tỉnh hỗ trợ 98.765 hộ nghèo vay vốn ưu đãi.\n',
    );
    const stop = new AbortController();
    const seen: number[] = [];
    const summary = await ingestReports({
      store,
      reportsDir: reports,
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p.done);
        expect(p.total).toBe(4);
        if (p.done === 2) stop.abort();
      },
    });
    expect(summary.stopped).toBe(true);
    expect(seen).toEqual([1, 2]);
    expect(summary.documents.map((d) => [d.file.slice(0, 3), d.status])).toEqual([
      ['000', 'unchanged'],
      ['001', 'updated'],
    ]);
    // The first file's new text is stored; the third was never reached; the removed file stays until a full run.
    expect(store.lexical.search({ terms: [{ text: '54 321' }], limit: 5 })).toHaveLength(1);
    expect(store.lexical.search({ terms: [{ text: '98 765' }], limit: 5 })).toHaveLength(0);
    expect(store.documentByFile('004_2cf5d5601a4462f1.txt')).toBeDefined();
    const rest = await ingestReports({ store, reportsDir: reports });
    expect(rest.stopped).toBe(false);
    expect(rest.documents.filter((d) => d.status !== 'unchanged').map((d) => [d.file.slice(0, 3), d.status])).toEqual([
      ['002', 'updated'],
      ['004', 'removed'],
    ]);
    store.close();
  });

  test('a changed file replaces its passages; a removed file is removed', async () => {
    const { reports, store } = setup();
    await ingestReports({ store, reportsDir: reports });
    appendFileSync(
      join(reports, '001_14133727df29d6d0.txt'),
      '\nNăm 2024 toàn tỉnh hỗ trợ 12.345 hộ nghèo vay vốn ưu đãi.\n',
    );
    rmSync(join(reports, '003_985e148d1920b709.txt'));
    const summary = await ingestReports({ store, reportsDir: reports });
    const status = Object.fromEntries(summary.documents.map((d) => [d.file.slice(0, 3), d.status]));
    expect(status).toMatchObject({ '000': 'unchanged', '001': 'updated', '003': 'removed' });
    expect(store.documents().map((d) => d.file.slice(0, 3))).toEqual(['000', '001', '002', '004']);
    expect(store.lexical.search({ terms: [{ text: '12 345' }], limit: 5 })).toHaveLength(1);
    store.close();
  });

  test('bad files get one warning each, the rest ingests and nothing stored is lost', async () => {
    const { reports, store } = setup();
    await ingestReports({ store, reportsDir: reports });
    const before = store.passageIds().length;
    writeFileSync(join(reports, 'empty.txt'), '  \n');
    writeFileSync(join(reports, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0]));
    writeFileSync(join(reports, 'big.txt'), Buffer.alloc(10 * 1024 * 1024, 'a'));
    writeFileSync(
      join(reports, 'noprovince.txt'),
      'Năm 2024, ngành đã giải quyết việc làm cho 1.000 người lao động, đạt 100% kế hoạch năm.',
    );
    writeFileSync(
      join(reports, 'legacy.txt'),
      iconv.encode(
        'Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang: năm 2023 giải quyết việc làm cho 15.000 người.',
        'windows1258',
      ),
    );
    // A stored report that turns empty keeps its stored version.
    writeFileSync(join(reports, '002_b7ed6daf0c81323d.txt'), '');
    const summary = await ingestReports({ store, reportsDir: reports });
    const byFile = Object.fromEntries(summary.documents.map((d) => [d.file, d]));
    expect(byFile['empty.txt']!.status).toBe('failed');
    expect(byFile['binary.txt']!.status).toBe('failed');
    expect(byFile['big.txt']!.status).toBe('failed');
    expect(byFile['big.txt']!.warnings[0]).toMatch(/MB|bytes|large/i);
    expect(byFile['noprovince.txt']!.status).toBe('added');
    expect(byFile['noprovince.txt']!.warnings.join(' ')).toMatch(/province/);
    expect(byFile['legacy.txt']!.province).toBe('Hà Giang');
    expect(byFile['legacy.txt']!.warnings.join(' ')).toMatch(/1258|encoding|UTF-8/i);
    expect(byFile['002_b7ed6daf0c81323d.txt']!.status).toBe('failed');
    expect(byFile['002_b7ed6daf0c81323d.txt']!.warnings.join(' ')).toMatch(/kept/);
    for (const d of summary.documents) if (d.status === 'failed') expect(d.warnings).toHaveLength(1);
    expect(store.documents().some((d) => d.province === 'Hà Nam')).toBe(true);
    expect(store.passageIds().length).toBeGreaterThan(before);
    store.close();
  });
});

describe('ingestReports on report folders never tuned on', () => {
  test.each([
    [
      'test/fixtures/holdout/reports',
      [
        ['h01', 'Nghệ An', 'năm 2023'],
        ['h02', 'Đồng Tháp', '6 tháng năm 2024'],
        ['h03', 'Quảng Ninh', 'tháng 10/2024'],
        ['h04', 'Bà Rịa - Vũng Tàu', '9 tháng năm 2024'],
      ],
    ],
    [
      'test/fixtures/holdout2/reports',
      [
        ['k01', 'Hà Giang', 'năm 2024'],
        ['k02', 'Cần Thơ', '6 tháng năm 2024'],
        ['k03', 'Thừa Thiên Huế', 'năm 2023'],
        ['k04', 'Đắk Lắk', '6 tháng năm 2024'],
      ],
    ],
  ])('%s: text, Markdown and HTML reports get their province and period', async (folder, expected) => {
    const index = tempDir();
    dirs.push(index);
    const store = new CorpusStore(index);
    const summary = await ingestReports({ store, reportsDir: join(REPO_ROOT, folder) });
    expect(summary.documents.map((d) => [d.file.slice(0, 3), d.province, d.period])).toEqual(expected);
    for (const d of summary.documents) {
      expect(d.warnings).toEqual([]);
      expect(d.figures).toBeGreaterThan(30);
    }
    store.close();
  });
});

describe('figures of the development questions', () => {
  test('every expected figure is extracted as a figure of the right document', async () => {
    const { reports, store } = setup();
    await ingestReports({ store, reportsDir: reports });
    const questions = readEvalFile(DEV_QUESTIONS).filter((q) => q.doc && q.kind !== 'policy');
    const missing: string[] = [];
    for (const q of questions) {
      const doc = store.documents().find((d) => d.file === q.doc)!;
      const figures = store.passagesOfDocument(doc.id).flatMap((p) => store.figuresOfPassage(p.id));
      for (const expected of q.expect_figures) {
        const hit = figures.some((f) => f.text.includes(expected) || f.percentOfPlanText === expected);
        if (!hit) missing.push(`${q.id}: ${expected}`);
      }
    }
    expect(missing).toEqual([]);
    store.close();
  });
});

describe('ingestReports stopped by its signal', () => {
  test('stores the document in hand whole, reads no further, and a second run continues', async () => {
    const { reports, store } = setup();
    const stop = new AbortController();
    // Aborted once the first document is read: the run ends before the second, the first is stored.
    const first = await ingestReports({
      store,
      reportsDir: reports,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    expect(first.stopped).toBe(true);
    expect(first.documents.map((d) => d.status)).toEqual(['added']);
    expect(store.documents()).toHaveLength(1);

    const second = await ingestReports({ store, reportsDir: reports });
    expect(second.stopped).toBe(false);
    expect(second.documents.map((d) => d.status)).toEqual(['unchanged', 'added', 'added', 'added', 'added']);
    store.close();
  });
});
