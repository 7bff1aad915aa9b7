import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeReportFixtures, type ReportFixtures } from '../../scripts/make-report-fixtures.js';
import type { Engine } from '../../src/answer/types.js';
import { renderPassage } from '../../src/bot/passageView.js';
import { ingestReports, type IngestSummary } from '../../src/ingest/ingestReports.js';
import { CorpusStore } from '../../src/store/corpusStore.js';
import { lexicalEngine, removeDir, tempDir } from '../helpers.js';

/** A folder mixing .docx, .pdf, .html, .md and .txt, with a scan, a broken Word file and a zip bomb. */
let fx: ReportFixtures;
let engine: Engine;
let summary: IngestSummary;
beforeAll(async () => {
  fx = await makeReportFixtures(tempDir('ansinh-tables-'));
  const index = tempDir('ansinh-tables-index-');
  const store = new CorpusStore(index);
  summary = await ingestReports({ store, reportsDir: fx.dir });
  store.close();
  removeDir(index);
  engine = await lexicalEngine({ REPORTS_DIR: fx.dir });
}, 60_000);
afterAll(() => {
  engine?.close();
  if (fx) removeDir(fx.dir);
});

describe('ingest of a mixed folder', () => {
  test.each([
    ['quang-tri-2024.docx', 'Quảng Trị', 'năm 2024'],
    ['ninh-binh-2024.pdf', 'Ninh Bình', 'năm 2024'],
    ['dong-nai-6-thang-2024.html', 'Đồng Nai', '6 tháng năm 2024'],
    ['kon-tum-2024.md', 'Kon Tum', 'năm 2024'],
    ['ha-tinh-2024.txt', 'Hà Tĩnh', 'năm 2024'],
    ['thai-binh-tcvn3.txt', 'Thái Bình', 'năm 2024'],
  ])('%s is ingested with its province, period, passages and figures', (file, province, period) => {
    const doc = summary.documents.find((d) => d.file === file);
    expect(doc).toMatchObject({ status: 'added', province, period });
    expect(doc!.passages).toBeGreaterThan(0);
    expect(doc!.figures).toBeGreaterThan(0);
  });

  test.each([
    ['ban-scan.pdf', /OCR is needed/],
    ['hong.docx', /not a readable Word file/],
    ['bom-nen.docx', /zip bomb/],
  ])('%s fails with one warning and the rest ingests', (file, warning) => {
    const doc = summary.documents.find((d) => d.file === file)!;
    expect(doc.status).toBe('failed');
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(warning);
  });
});

describe('figures held only in a table', () => {
  test.each([
    {
      question: 'Ninh Bình giải quyết việc làm năm 2024 được bao nhiêu người?',
      figure: { text: '3.200 người', value: 3200, kind: 'achieved_over_plan', unit: 'người' },
      location: 'bảng 1 · dòng «Giải quyết việc làm» · cột «Thực hiện 2024»',
    },
    {
      question: 'Quảng Trị cai nghiện ma túy năm 2024 bao nhiêu người?',
      figure: { text: '497 người', value: 497, kind: 'achieved_over_plan', indicator: 'cai_nghien' },
      location: 'bảng 1 · dòng «Cai nghiện ma túy» · cột «Thực hiện năm 2024»',
    },
    {
      question: 'Số người tham gia bảo hiểm thất nghiệp ở Ninh Bình năm 2024?',
      figure: { text: '96.300 người', value: 96300, kind: 'achieved_over_plan' },
      location: 'bảng 1 · dòng «Số người tham gia bảo hiểm thất nghiệp» · cột «Thực hiện 2024»',
    },
    {
      // The plan (80.000) stands first in the row; the estimate is the answer, by its column.
      question: 'Đồng Nai giải quyết việc làm 6 tháng 2024?',
      figure: { text: '41.250 người', value: 41250, kind: 'count' },
      location: 'bảng 1 · dòng «Giải quyết việc làm» · cột «Ước thực hiện 6 tháng 2024»',
    },
    {
      question: 'Kon Tum hỗ trợ xây dựng nhà ở cho người có công năm 2024 bao nhiêu căn?',
      figure: { text: '131 căn', value: 131, kind: 'achieved_over_plan', unit: 'căn' },
      location: 'bảng 1 · dòng «Hỗ trợ xây dựng nhà ở cho người có công» · cột «Thực hiện 2024»',
    },
  ])('$question', async ({ question, figure, location }) => {
    const answer = await engine.ask(question);
    expect(answer.kind).toBe('answer');
    expect(answer.figures[0]).toMatchObject({ ...figure, citation: 1 });
    expect(answer.citations[0]!.location).toBe(location);
    expect(answer.sources_text).toContain(location);
  });

  test('a result with its plan reads like the prose form, with the percent of plan', async () => {
    const answer = await engine.ask('Quảng Trị tuyển sinh đào tạo nghề năm 2024?');
    expect(answer.answer_text).toContain('22.365 người, đạt 106,5% kế hoạch [1]');
  });

  test("the source view shows the row with its headers and names the table's cell", async () => {
    const answer = await engine.ask('Ninh Bình giải quyết việc làm năm 2024 được bao nhiêu người?');
    const citation = answer.citations[0]!;
    const [view] = renderPassage(citation, engine.passage(citation.passage_id));
    expect(view).toContain('bảng 1 · dòng «Giải quyết việc làm» · cột «Thực hiện 2024»');
    expect(view).toContain(
      '<b>Giải quyết việc làm: Kế hoạch 2024: 3.000 người, Thực hiện 2024: 3.200 người, Tỷ lệ % so KH: 106,7%</b>',
    );
  });
});
