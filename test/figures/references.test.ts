import { describe, expect, test } from 'vitest';
import { parseReferences, type ReferenceKind } from '../../src/figures/references.js';

describe('parseReferences', () => {
  test.each<[string, string, ReferenceKind, string]>([
    ['theo Nghị định số 55/2023/NĐ-CP của Chính phủ', 'Nghị định số 55/2023/NĐ-CP', 'nghị định', '55/2023/NĐ-CP'],
    ['Nghị quyết 70/2024/NQ-HĐND ngày 22/3/2024', 'Nghị quyết 70/2024/NQ-HĐND', 'nghị quyết', '70/2024/NQ-HĐND'],
    [
      'Trình UBND tỉnh ban hành Kế hoạch số 85/KH-UBND, ngày 08/4/2024',
      'Kế hoạch số 85/KH-UBND',
      'kế hoạch',
      '85/KH-UBND',
    ],
    ['ban hành Quyết định 1506/QĐ-UBND ngày 06/8/2024', 'Quyết định 1506/QĐ-UBND', 'quyết định', '1506/QĐ-UBND'],
    ['Kế hoạch số 227-KH/TU ngày 24/7/2024', 'Kế hoạch số 227-KH/TU', 'kế hoạch', '227-KH/TU'],
    ['thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023', 'Nghị quyết số 42-NQ/TW', 'nghị quyết', '42-NQ/TW'],
    ['thực hiện Chỉ thị số 31-CT/TW ngày 19/3/2024', 'Chỉ thị số 31-CT/TW', 'chỉ thị', '31-CT/TW'],
    [
      'Sở LĐTBXH đã có Công văn số 2797/SLĐTBXH-VP về việc',
      'Công văn số 2797/SLĐTBXH-VP',
      'công văn',
      '2797/SLĐTBXH-VP',
    ],
    ['(Tờ trình số 133/TTr-SLĐTBXH ngày 04/9/2024)', 'Tờ trình số 133/TTr-SLĐTBXH', 'tờ trình', '133/TTr-SLĐTBXH'],
    ['Thông báo số 2463-TB/VPTU ngày 10/9/2024', 'Thông báo số 2463-TB/VPTU', 'other', '2463-TB/VPTU'],
    ['Giải quyết 922 hồ sơ theo Nghị định 131/2022/NĐ-CP;', 'Nghị định 131/2022/NĐ-CP', 'nghị định', '131/2022/NĐ-CP'],
    ['theo Thông tư 02/2022/TT-BLĐTBXH', 'Thông tư 02/2022/TT-BLĐTBXH', 'thông tư', '02/2022/TT-BLĐTBXH'],
    ['văn bản 55/2023/NĐ-CP đã nêu', '55/2023/NĐ-CP', 'nghị định', '55/2023/NĐ-CP'],
    ['theo nghị định 55/2023', 'nghị định 55/2023', 'nghị định', '55/2023'],
  ])('%s', (input, text, kind, number) => {
    const refs = parseReferences(input);
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ text, kind, number });
    expect(input.slice(refs[0]!.start, refs[0]!.end)).toBe(text);
  });

  test.each([
    'Đến ngày 30/8/2024, các huyện',
    'Toàn tỉnh giải quyết việc làm cho 7.000/6.400 người',
    'giai đoạn 2024-2030',
    'lễ 30/4, 27/7, 2/9',
    'Covid-19 và kinh tế -xã hội',
  ])('no reference in: %s', (input) => {
    expect(parseReferences(input)).toEqual([]);
  });
});
