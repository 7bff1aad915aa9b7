import { describe, expect, test } from 'vitest';
import { translateEnglish } from '../../src/search/glossary.js';
import { parseQuery } from '../../src/search/query.js';
import { splitAsks } from '../../src/search/asks.js';

describe('English questions put into the reports’ words', () => {
  test.each([
    // The longest phrase at a place wins: `job fairs` is not `job` + `fairs`.
    ['How many job fairs did Quang Tri hold in 2025?', ['phiên giao dịch việc làm', 'tổ chức']],
    ["Quang Tri's employment service centres", ['trung tâm dịch vụ việc làm']],
    ['how many businesses took part', ['doanh nghiệp', 'tham gia']],
    [
      'How many work permits were granted to foreign workers?',
      ['giấy phép lao động', 'cấp', 'người lao động nước ngoài'],
    ],
    ['labour force aged 15 and over', ['lực lượng lao động', 'trở lên']],
    [
      'hygienic latrines and stunting among children under five',
      ['nhà tiêu hợp vệ sinh', 'thấp còi', 'trẻ em dưới 5 tuổi'],
    ],
    ['workers from ethnic-minority households who went abroad', ['dân tộc thiểu số', 'hộ', 'đi làm việc ở nước ngoài']],
    ['found jobs locally and went to work in other provinces', ['có việc làm', 'tại địa phương', 'tỉnh ngoài']],
    // A taxonomy phrasing the list does not hold translates to the indicator's first term.
    ['voluntary rehab', ['cai nghiện tự nguyện']],
  ])('%s', (english, expected) => {
    const vi = translateEnglish(english);
    for (const phrase of expected) expect(vi).toContain(phrase);
  });

  test('nothing is translated twice and question words stay for the part splitter', () => {
    const vi = translateEnglish('What share of households have hygienic latrines, and how many people joined?');
    expect(vi).toContain('what share tỷ lệ');
    expect(vi).toContain('and how many người tham gia');
    expect(vi).not.toMatch(/nhà tiêu hợp vệ sinh hợp vệ sinh/);
  });

  test('a possessive leaves the name alone', () => {
    expect(translateEnglish("Ha Tinh's labour force")).toBe('ha tinh lực lượng lao động');
  });
});

describe('the unit an English part counts in', () => {
  test.each([
    ['How many job fairs did Ha Tinh organise in 2024?', 'phiên'],
    ['How many job-counselling conferences did Ha Giang hold in 2023?', 'hội nghị'],
    ['How many work permits did Phu Tho grant in 2025?', 'giấy phép'],
    ['How many businesses took part in 2025?', 'doanh nghiệp'],
    ['How many poor households escaped poverty in 2024?', 'hộ'],
    ['How many vocational training classes were opened in 2023?', 'lớp'],
  ])('%s → %s', (question, unit) => {
    const [first] = splitAsks(parseQuery(question));
    expect(first!.units).toEqual([unit]);
  });
});

describe('two stop syllables that make a word are kept as terms', () => {
  test.each([
    ['thanh hoa 9 thang 2025 co bao nhieu nguoi sang nhat ban lam viec', ['nhat', 'ban']],
    ['Số nạn nhân bị mua bán người được hỗ trợ năm 2024?', ['mua', 'ban']],
    ['Tổ chức bao nhiêu hội nghị tư vấn việc làm?', ['hoi', 'nghi', 'tu', 'van']],
    ['Mục tiêu năm 2025 về giảm nghèo của Lai Châu?', ['muc', 'tieu']],
    ['Bao nhiêu người tham gia BHXH tự nguyện?', ['tu', 'nguyen']],
    ['Quỹ Đền ơn đáp nghĩa vận động được bao nhiêu?', ['den', 'on']],
  ])('%s', (question, kept) => {
    expect(parseQuery(question).terms).toEqual(expect.arrayContaining(kept));
  });

  test('alone they stay stop words', () => {
    expect(parseQuery('Tỷ lệ nào cao nhất, bạn ơi?').terms).not.toContain('nhat');
  });
});
