import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { engineOver } from '../helpers.js';

/** Reports on both sides of the July 2025 merger: an old Long An, an old Bắc Kạn, and today's Tây Ninh. */
const REPORTS: Record<string, string> = {
  'long-an-2024.txt':
    'Long An: kết quả công tác lao động năm 2024\n\nNăm 2024, tỉnh Long An giải quyết việc làm cho 41.000 lao động, đạt 102% kế hoạch.',
  'tay-ninh-9t-2025.txt':
    'Sở Nội vụ tỉnh Tây Ninh: kết quả 9 tháng năm 2025\n\nTrong 9 tháng năm 2025, tỉnh Tây Ninh (mới) giải quyết việc làm cho 52.300 lao động, đạt 81% kế hoạch năm.',
  'bac-kan-2024.txt':
    'Bắc Kạn: kết quả giảm nghèo năm 2024\n\nNăm 2024, tỷ lệ hộ nghèo của tỉnh Bắc Kạn giảm còn 14,5%.',
};

describe('merged provinces, both ways', () => {
  let engine: Engine;
  let close: () => void;

  beforeAll(async () => {
    ({ engine, close } = await engineOver(REPORTS));
  });
  afterAll(() => close());

  test('a province merged away is answered by the report of the one it joined, with a note', async () => {
    const answer = await engine.ask('Long An 9 tháng năm 2025 giải quyết việc làm cho bao nhiêu lao động?');
    expect(answer.answer_text).toContain('52.300 lao động');
    expect(answer.answer_text).toMatch(/Long An nay thuộc tỉnh Tây Ninh/);
  });

  test('its own report still answers for the years before the merger', async () => {
    const answer = await engine.ask('Long An năm 2024 giải quyết việc làm cho bao nhiêu lao động?');
    expect(answer.answer_text).toContain('41.000 lao động');
    expect(answer.answer_text).not.toContain('52.300');
  });

  test('a merged province asked by its new name is answered from the old provinces’ reports, with a note', async () => {
    const answer = await engine.ask('Tỷ lệ hộ nghèo Thái Nguyên năm 2024?');
    expect(answer.answer_text).toContain('14,5%');
    expect(answer.answer_text).toMatch(/Thái Nguyên hiện nay gồm cả Bắc Kạn/);
  });
});
