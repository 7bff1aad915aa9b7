import { describe, expect, test } from 'vitest';
import type { Candidate } from '../../src/answer/figureFeatures.js';
import { rankAsks } from '../../src/answer/pickFigures.js';
import { candidatesOf, ineligibility, loadRankerModel, periodFits } from '../../src/answer/rankFigures.js';
import { figureEvidence } from '../../src/figures/evidence.js';
import { parseFigures } from '../../src/figures/parse.js';
import { parsePeriodQuery } from '../../src/ingest/period.js';
import { splitAsks } from '../../src/search/asks.js';
import { parseQuery } from '../../src/search/query.js';
import type { RankedPassage } from '../../src/search/retriever.js';
import type { StoredDocument, StoredFigure, StoredPassage } from '../../src/store/corpusStore.js';

describe('which periods answer which', () => {
  test.each([
    ['năm 2024', '2024-9m', true], // a year takes the year's latest figure; the reply shows its span
    ['9 tháng năm 2025', '2025-9m', true],
    ['9 tháng năm 2025', '2025-09', true], // the September report that carries the nine months
    ['quý I/2025', '2025-9m', false], // nine months do not answer a quarter
    ['quý I/2020', '2020-3m', true],
    ['quý I/2020', '2020-q1', true],
    ['tháng 5/2021', '2021-04', false], // one month does not answer another
    ['tháng 6/2024', '2024-6m', true], // a six-month report answers for June
    ['6 tháng năm 2024', '2024', false],
    ['năm 2024', '2023', false],
    ['giai đoạn 2021-2025', '2024', true],
    ['giai đoạn 2026-2030', '2024', false],
  ])('%s ← %s: %s', (asked, held, fits) => {
    expect(periodFits(parsePeriodQuery(asked), held)).toBe(fits);
  });

  test('an unknown period passes: the reply says the report does not state it', () => {
    expect(periodFits(parsePeriodQuery('năm 2024'), null)).toBe(true);
  });
});

/** A one-passage store of `text`, as the answer engine reads it. */
function corpus(text: string, document: Partial<StoredDocument> = {}) {
  const figures = parseFigures(text);
  const evidence = figureEvidence(text, figures, { reportYear: document.year ?? 2024 });
  const stored: StoredFigure[] = figures.map((f, i) => ({
    ...f,
    evidence: evidence[i],
    id: i + 1,
    docId: 1,
    passageId: 1,
  }));
  const passage: StoredPassage = {
    id: 1,
    pid: 'r.txt#1',
    docId: 1,
    n: 1,
    heading: null,
    text,
    footnotes: '',
    start: 0,
    end: text.length,
  };
  const doc = {
    id: 1,
    file: 'r.txt',
    hash: '',
    title: 'Báo cáo',
    province: 'Hà Tĩnh',
    year: 2024,
    periodLabel: 'năm 2024',
    periodKey: '2024',
    periodKind: 'year',
    months: 12,
    sourceUrl: null,
    published: null,
    warnings: [],
    passages: 1,
    figures: stored.length,
    ...document,
  } as StoredDocument;
  const results: RankedPassage[] = [
    {
      passage,
      document: doc,
      score: 1,
      lexicalRank: 1,
      vectorRank: null,
      lexicalScore: 1,
      vectorScore: null,
      coverage: 1,
    },
  ];
  return { results, figuresOf: () => stored };
}

function why(question: string, text: string, needle: string, document: Partial<StoredDocument> = {}): string | null {
  const { results, figuresOf } = corpus(text, document);
  const candidate = candidatesOf(results, figuresOf).find((c: Candidate) => c.figure.text.startsWith(needle))!;
  return ineligibility(splitAsks(parseQuery(question))[0]!, candidate);
}

describe('hard facts keep a figure out, whatever its words', () => {
  test.each([
    // Populations: near-poor is not poor, urban is not rural.
    [
      'Giai đoạn 2016-2020 Lai Châu có bao nhiêu hộ thoát nghèo?',
      'Có hơn 23 nghìn hộ thoát nghèo và trên 14 nghìn hộ thoát khỏi diện cận nghèo.',
      '14 nghìn',
      'population near_poor',
    ],
    [
      'Tỷ lệ thất nghiệp khu vực nông thôn của Hà Tĩnh?',
      'Tỷ lệ thất nghiệp khu vực thành thị còn 2,54%.',
      '2,54%',
      'urban/rural',
    ],
    // The baseline a change is measured against.
    [
      'Hà Tĩnh quý I/2025 tăng bao nhiêu phần trăm so với cùng kỳ?',
      'Tổng số là 5.722 người, tăng 10,46% so với quý trước và tăng 11,56% so với cùng kỳ năm 2024.',
      '10,46%',
      'baseline previous_quarter',
    ],
    // The asked class of number.
    [
      'Quảng Ninh hỗ trợ bao nhiêu tấn gạo?',
      'Hỗ trợ gạo cho 12.360 nhân khẩu với 185 tấn gạo.',
      '12.360',
      'unit count for weight',
    ],
    ['Hà Tĩnh có bao nhiêu hộ nghèo?', 'Hộ nghèo còn 5.000 hộ, tỷ lệ 2,1%.', '2,1%', 'unit percent for households'],
    // A level is not a change, a plan is not a result.
    [
      'Đến năm 2020 tỷ lệ hộ nghèo của Lai Châu còn bao nhiêu?',
      'Tỷ lệ hộ nghèo giảm bình quân 4,78%/năm, năm 2020 còn 16,33%.',
      '4,78%',
      'a change for a level',
    ],
    [
      'Hà Tĩnh năm 2024 giải quyết việc làm cho bao nhiêu lao động?',
      'Năm 2024 tỉnh đặt mục tiêu giải quyết việc làm cho 12.500 lao động.',
      '12.500',
      'a plan for a result',
    ],
    [
      'Kế hoạch năm 2024 của Hà Tĩnh: giải quyết việc làm cho bao nhiêu lao động?',
      'Năm 2024 tỉnh đã giải quyết việc làm cho 13.000 lao động.',
      '13.000',
      'status result for a plan',
    ],
    // Ages and durations never answer.
    [
      'Hà Tĩnh có bao nhiêu trẻ em được cấp thẻ BHYT?',
      'Trẻ em dưới 6 tuổi được cấp 89.139 thẻ.',
      '6 tuổi',
      'attribute tuổi',
    ],
    // The period: a nine-month figure does not answer a quarter.
    [
      'Quý I/2025 Hà Tĩnh giải quyết việc làm cho bao nhiêu người?',
      '9 tháng năm 2025, toàn tỉnh giải quyết việc làm cho 18.000 người.',
      '18.000',
      'period 2025-9m for 2025-q1',
    ],
  ])('%s — %s', (question, text, needle, reason) => {
    expect(why(question, text, needle)).toBe(reason);
  });

  test('a percent of plan attached to a result answers a question asking only for the percent of plan', () => {
    const text = 'Tuyển sinh và đào tạo nghề nghiệp cho 40.512 người, đạt 101,28% so với kế hoạch cả năm.';
    expect(why('Hà Tĩnh tuyển sinh đào tạo nghề năm 2024 đạt bao nhiêu % kế hoạch?', text, '40.512')).toBeNull();
    expect(why('Hà Tĩnh tuyển sinh đào tạo nghề năm 2024 được bao nhiêu phần trăm?', text, '40.512')).toBe(
      'unit count for percent',
    );
  });

  test('the right figure of each of those passes', () => {
    expect(
      why(
        'Giai đoạn 2016-2020 Lai Châu có bao nhiêu hộ thoát nghèo?',
        'Có hơn 23 nghìn hộ thoát nghèo và trên 14 nghìn hộ thoát khỏi diện cận nghèo.',
        '23 nghìn',
        { year: 2020, periodKey: '2020' },
      ),
    ).toBeNull();
    expect(
      why(
        'Đến năm 2020 tỷ lệ hộ nghèo của Lai Châu còn bao nhiêu?',
        'Tỷ lệ hộ nghèo giảm bình quân 4,78%/năm, năm 2020 còn 16,33%.',
        '16,33%',
      ),
    ).toBeNull();
  });
});

describe('ranking on a small fixed passage', () => {
  // One sentence of a real kind: a total, its change, its percent of plan, then a breakdown.
  const text =
    'Năm 2024, Hà Tĩnh đã giải quyết việc làm cho 23.500 người, tăng 1,6% so với năm 2023, đạt 102,2% kế hoạch. ' +
    'Trong đó, giải quyết việc làm trong nước 12.140 người, đạt 78,3% kế hoạch; lao động đi làm việc ở nước ngoài đạt 11.360 người.';
  const model = loadRankerModel();
  const rank = (question: string) => {
    const { results, figuresOf } = corpus(text);
    const query = parseQuery(question);
    return rankAsks(query, results, figuresOf, new Map(), model).map((r) => r.ranked[0]?.figure.text ?? null);
  };

  test('the total is first for the total: its clause holds the question’s words and it is no breakdown', () => {
    expect(rank('Hà Tĩnh năm 2024 giải quyết việc làm cho bao nhiêu người?')).toEqual(['23.500 người']);
  });

  test('the percent of plan is the one of the total’s sentence, not the breakdown’s', () => {
    // 102,2% shares the total's sentence (past its comparison with 2023); 78,3% belongs to the domestic jobs.
    const { results, figuresOf } = corpus(text);
    const question = 'Hà Tĩnh năm 2024 giải quyết việc làm cho bao nhiêu người, đạt bao nhiêu % kế hoạch?';
    const [total, ofPlan] = rankAsks(parseQuery(question), results, figuresOf, new Map(), model);
    expect(total!.ranked[0]!.figure.text).toBe('23.500 người');
    expect(total!.ranked[0]!.figure.percentOfPlanText).toBe('102,2%');
    expect(ofPlan!.attached).toBe(true);
  });

  test('the change is first when the change is asked, the level is not eligible for it only by words', () => {
    expect(
      rank('Số người được giải quyết việc làm năm 2024 ở Hà Tĩnh tăng bao nhiêu phần trăm so với năm 2023?'),
    ).toEqual(['1,6%']);
  });

  test('the breakdown figure answers when its own words are asked', () => {
    // `nước ngoài` stands only in the clause of 11.360.
    expect(rank('Năm 2024 Hà Tĩnh có bao nhiêu lao động đi làm việc ở nước ngoài?')).toEqual(['11.360 người']);
  });
});

describe('people, organisations and events are counts that never answer for one another', () => {
  const model = loadRankerModel();
  const top = (text: string, question: string) => {
    const { results, figuresOf } = corpus(text);
    return rankAsks(parseQuery(question), results, figuresOf, new Map(), model).map(
      (r) => r.ranked[0]?.figure.text ?? null,
    );
  };

  test.each([
    [
      'Năm 2024, Hà Tĩnh tổ chức 101 phiên giao dịch việc làm thu hút hơn 20.455 lượt người lao động và 1.074 lượt doanh nghiệp tham gia.',
      'Năm 2024 Hà Tĩnh có bao nhiêu người lao động tham gia phiên giao dịch việc làm?',
      '20.455 lượt người',
    ],
    [
      'Năm 2024, Trung tâm tổ chức 106 phiên giao dịch việc làm, thu hút 580 lượt doanh nghiệp và 8.000 người lao động tham gia.',
      'Năm 2024 có bao nhiêu doanh nghiệp tham gia phiên giao dịch việc làm?',
      '580 lượt doanh nghiệp',
    ],
    [
      'Năm 2023, toàn tỉnh đã tổ chức 270 hội nghị tư vấn giới thiệu việc làm cho 17.204 người.',
      'Năm 2023 tỉnh tổ chức bao nhiêu hội nghị tư vấn giới thiệu việc làm?',
      '270 hội nghị',
    ],
    [
      'Năm 2024, các cơ sở mở 45 lớp đào tạo nghề cho 1.350 học viên lao động nông thôn.',
      'Năm 2024 mở bao nhiêu lớp đào tạo nghề cho lao động nông thôn?',
      '45 lớp',
    ],
    [
      'Năm 2024, Sở kiểm tra 58 doanh nghiệp với 3.200 lao động về an toàn vệ sinh lao động.',
      'Năm 2024 Sở kiểm tra bao nhiêu doanh nghiệp về an toàn vệ sinh lao động?',
      '58 doanh nghiệp',
    ],
  ])('%s — %s', (text, question, expected) => {
    expect(top(text, question)).toEqual([expected]);
  });
});
