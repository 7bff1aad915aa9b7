import { loadRankerModel } from '../../src/answer/rankFigures.js';
import { statementOf } from '../../src/answer/evaluate.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnswerSchema } from '../../src/answer/schema.js';
import type { Engine } from '../../src/answer/types.js';
import { lexicalEngine } from '../helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await lexicalEngine();
});
afterAll(() => engine.close());

describe('answers', () => {
  test('a figure comes with its quote and its source', async () => {
    const answer = await engine.ask('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    expect(AnswerSchema.safeParse(answer).success).toBe(true);
    expect(answer.answer_text).toMatchInlineSnapshot(`
      "Hà Nam · Tỷ lệ hộ nghèo: 2,11% [1]
      Báo cáo viết: «Tổng số hộ nghèo năm 2023 còn 5.915 hộ (giảm 1.656 hộ so với năm 2022); tỷ lệ hộ nghèo giảm còn 2,11% (giảm 0,58% so với năm 2022, vượt kế hoạch).» [1]"
    `);
    expect(answer.sources_text).toMatch(/^Nguồn:\n\[1\] Hà Nam · năm 2023 · .+ · đoạn \d+$/);
    expect(answer.citations[0]).toMatchObject({
      n: 1,
      doc: '002_b7ed6daf0c81323d.txt',
      province: 'Hà Nam',
      period: 'năm 2023',
    });
    expect(answer.figures[0]).toMatchObject({
      text: '2,11%',
      value: 2.11,
      unit: '%',
      kind: 'percent',
      indicator: 'ty_le_ho_ngheo',
      citation: 1,
    });
  });

  test('two asked figures give both: the count and its percent of plan', async () => {
    const answer = await engine.ask(
      'Thái Nguyên tuyển sinh đào tạo nghề được bao nhiêu người năm 2023, đạt bao nhiêu % kế hoạch?',
    );
    expect(answer.answer_text).toContain('40.512');
    expect(answer.answer_text).toContain('101,28%');
  });

  test('a qualifier the report gives stays with the figure', async () => {
    const answer = await engine.ask('Thái Nguyên hỗ trợ thường xuyên hàng tháng bao nhiêu người có công năm 2023?');
    expect(answer.answer_text.split('\n')[0]).toContain('gần 20.000');
  });

  test('an English question gets an English reply with the Vietnamese quote', async () => {
    const answer = await engine.ask('What is the poverty rate of Ha Nam in 2023?');
    expect(answer.lang).toBe('en');
    expect(answer.answer_text).toContain('Poverty rate: 2,11% [1]');
    expect(answer.answer_text).toContain('The report says: «');
    expect(answer.sources_text.startsWith('Sources:')).toBe(true);
  });

  test('a post-2025 merged province leads to the report of a province merged into it', async () => {
    const answer = await engine.ask('Tỷ lệ hộ nghèo Ninh Bình năm 2023?');
    expect(answer.kind).toBe('answer');
    expect(answer.answer_text).toContain('Hà Nam');
    expect(answer.answer_text).toContain('2,11%');
  });
});

describe('compare', () => {
  test('two provinces named: sorted rows with citations', async () => {
    const answer = await engine.ask('Tỉnh nào có tỷ lệ hộ nghèo thấp hơn, Thái Nguyên hay Hà Nam?');
    expect(answer.kind).toBe('compare');
    const rows = answer.answer_text.split('\n').filter((l) => l.startsWith('•'));
    expect(rows).toEqual(['• Hà Nam (năm 2023): 2,11% [1]', '• Thái Nguyên (năm 2023): 3,02% [2]']);
  });

  test('across all provinces, with a note when the periods differ', async () => {
    const answer = await engine.ask('So sánh tỷ lệ lao động qua đào tạo giữa các tỉnh');
    expect(answer.answer_text).toMatch(/Hà Nam.*74%[\s\S]*Thái Nguyên.*73%[\s\S]*Lạng Sơn.*62,3%/);
    expect(answer.answer_text).toContain('không cùng kỳ');
    expect(answer.citations).toHaveLength(3);
  });
});

describe('abstain', () => {
  test('a province with no report: says so, and lists the reports held instead of citing', async () => {
    const answer = await engine.ask('Tỷ lệ hộ nghèo của Đà Nẵng năm 2023 là bao nhiêu?');
    expect(answer.kind).toBe('abstain');
    expect(answer.answer_text).toBe('Chưa có báo cáo nào của Đà Nẵng.');
    expect(answer.citations).toEqual([]);
    expect(answer.sources_text).toContain('Các báo cáo hiện có:');
    expect(answer.sources_text).toContain('Tây Ninh · 9 tháng năm 2024');
  });

  test('a topic the province report does not cover', async () => {
    const answer = await engine.ask('Thái Nguyên có bao nhiêu bệnh viện tuyến tỉnh?');
    expect(answer.kind).toBe('abstain');
    expect(answer.figures).toEqual([]);
  });

  test('small talk gets a short line on what the bot does', async () => {
    const answer = await engine.ask('xin chào');
    expect(answer.kind).toBe('abstain');
    expect(answer.answer_text).toContain('Tôi trả lời câu hỏi');
    expect(answer.sources_text).toBe('');
  });

  test('the report lacks the asked indicator: no other indicator is offered instead', async () => {
    const answer = await engine.ask('Tỷ lệ thất nghiệp Hà Nam năm 2023?');
    expect(answer.kind).toBe('abstain');
    expect(answer.answer_text).not.toContain('74%');
  });
});

describe('confidence', () => {
  test('a sure figure is stated as the answer, with the ranker’s probability', async () => {
    const answer = await engine.ask('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    expect(answer.confidence.outcome).toBe('answer');
    expect(answer.confidence.score).toBeGreaterThanOrEqual(loadRankerModel().answer_threshold);
    expect(statementOf(answer.answer_text)).toContain('2,11%');
  });

  test('no figure sure enough: says so, and quotes the closest sentences with their figures marked', async () => {
    const answer = await engine.ask('Hà Nam có bao nhiêu người được hỗ trợ?');
    expect(answer.confidence.outcome).toBe('closest');
    expect(answer.confidence.score).toBeLessThan(loadRankerModel().answer_threshold);
    expect(answer.answer_text).toMatch(/^Không tìm thấy số liệu khớp chính xác/);
    // Figures stand only inside the quotes: the reply itself states none.
    expect(statementOf(answer.answer_text)).not.toMatch(/\d/);
    expect(answer.answer_text).toMatch(/«[^»]*\*[\d.,]+[^*]*\*[^»]*»/);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  test('nothing in the reports: no data', async () => {
    const answer = await engine.ask('Tỷ lệ thất nghiệp Hà Nam năm 2023?');
    expect(answer.confidence).toEqual({ outcome: 'no_data', score: 0 });
  });
});
