import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { untracedNumbers } from '../../src/answer/traceability.js';
import { lexicalEngine } from '../helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await lexicalEngine();
});
afterAll(() => engine.close());

/** Claims against the bundled reports; each row says why the verdict is what it is. */
describe('fact-check verdicts', () => {
  test.each([
    // Exact figure, stated as the report does.
    ['Có đúng là Thái Nguyên giảm tỷ lệ hộ nghèo xuống 3,02% trong năm 2023 không?', 'match', '3,02%'],
    // 7.500 is not the achieved 7.000 of `7.000/6.400`.
    ['Bắc Kạn giải quyết việc làm cho 7.500 người năm 2024, đúng không?', 'mismatch', '7.000/6.400'],
    // The achieved part of `91/80` is 91.
    ['Bắc Kạn cai nghiện bắt buộc cho 91 người năm 2024 phải không?', 'match', '91/80'],
    // 80 is the plan of `91/80`, not the result.
    ['Bắc Kạn cai nghiện bắt buộc cho 80 người năm 2024 phải không?', 'mismatch', '91/80'],
    // `gần` allows the stated tolerance.
    ['Thái Nguyên hỗ trợ thường xuyên khoảng 19.500 người có công năm 2023, đúng không?', 'match', '20.000'],
    // Units normalise: 4,5 tỷ đồng is 4.500 triệu đồng.
    ['Kiểm tra: Bắc Kạn hỗ trợ nhà ở cho hộ nghèo với tổng kinh phí 4.500 triệu đồng năm 2024', 'match', '4,5 tỷ đồng'],
    // A result of 2023 is not a figure of 2024: no report for that period.
    ['Tỷ lệ hộ nghèo Thái Nguyên năm 2024 là 3,02% phải không?', 'not_found', null],
    // The 2024 plan in a 2023 report is not the 2023 result.
    ['Thái Nguyên cai nghiện cho 800 người năm 2023 đúng không?', 'mismatch', '1.087/1.000'],
  ])('%s → %s', async (question, verdict, figure) => {
    const answer = await engine.ask(question);
    expect(answer.kind).toBe('factcheck');
    expect(answer.verdict).toBe(verdict);
    if (figure) expect(answer.answer_text).toContain(figure);
    expect(untracedNumbers(answer)).toEqual([]);
  });

  test('a mismatch shows the difference with its formula', async () => {
    const answer = await engine.ask('Hà Nam có 5.000 hộ nghèo năm 2023 phải không?');
    expect(answer.verdict).toBe('mismatch');
    expect(answer.computed).toEqual([{ text: '−915', formula: '5.000 − 5.915 = −915' }]);
    expect(answer.citations[0]!.passage_text).toContain('5.915');
  });

  test('the check command forces a fact-check', async () => {
    const answer = await engine.ask('Tây Ninh 38 người đi làm việc ở nước ngoài 9 tháng 2024', { intent: 'factcheck' });
    expect(answer.verdict).toBe('match');
  });
});
