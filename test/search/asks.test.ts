import { describe, expect, test } from 'vitest';
import { claimAsks, namesTopic, splitAsks } from '../../src/search/asks.js';
import { parseQuery } from '../../src/search/query.js';

const parts = (question: string) => splitAsks(parseQuery(question));

describe('a question is split into the numbers it asks for', () => {
  test.each([
    ['Hà Tĩnh năm 2024 giải quyết việc làm cho bao nhiêu người, đạt bao nhiêu % kế hoạch?', ['level', 'plan_percent']],
    ['Năm 2021 Yên Bái XKLĐ được bao nhiêu người, cung ứng LĐ đi tỉnh ngoài bao nhiêu?', ['level', 'level']],
    ['Năm 2020 ở Thái Bình có bao nhiêu người được hưởng TCTN, tăng bao nhiêu so với năm trước?', ['level', 'change']],
    ['Tỷ trọng lao động nông nghiệp ở Nghệ An đã giảm từ bao nhiêu (2020) xuống bao nhiêu (2024)?', ['level', 'level']],
    ['How many job fairs did Quang Tri hold in 2025, and how many businesses took part?', ['level', 'level']],
    ['Quý I/2020 Điện Biên có bao nhiêu người đi XKLĐ và bao nhiêu người vào làm ở DN ngoài tỉnh?', ['level', 'level']],
    ['Tỷ lệ hộ nghèo Hà Nam năm 2023?', ['level']],
    ['Số người hưởng BHTN ở Hà Nội năm 2024 tăng hay giảm so với 2023?', ['change']],
    ['Tỷ lệ hộ nghèo Lai Châu giảm bình quân mỗi năm bao nhiêu?', ['change']],
  ])('%s', (question, roles) => {
    expect(parts(question).map((p) => p.role)).toEqual(roles);
  });

  test.each([
    [
      'Năm 2024 số hộ nghèo của Hà Giang giảm được bao nhiêu hộ so với năm trước, tỷ lệ hộ nghèo còn lại là bao nhiêu?',
      'tỷ lệ hộ nghèo còn lại',
    ],
    ['Năm 2023 Bắc Kạn có bao nhiêu hộ cận nghèo, tỷ lệ hộ cận nghèo còn bao nhiêu?', 'tỷ lệ hộ cận nghèo còn'],
    [
      'Hà Tĩnh giải quyết việc làm cho bao nhiêu người, số lao động đi làm việc ở nước ngoài và trong nước là bao nhiêu?',
      'số lao động đi làm việc ở nước ngoài và trong nước',
    ],
    [
      'Quảng Trị tổ chức bao nhiêu phiên giao dịch việc làm, số doanh nghiệp và người lao động tham gia là bao nhiêu?',
      'số doanh nghiệp và người lao động',
    ],
    [
      'Sơn La có bao nhiêu người cai nghiện tự nguyện; số người cai nghiện bắt buộc và tại cộng đồng là bao nhiêu?',
      'số người cai nghiện bắt buộc và tại cộng đồng',
    ],
  ])('a comma is where two parts meet, before a `và` or `còn` after it: %s', (question, second) => {
    const split = parts(question);
    expect(split).toHaveLength(2);
    expect(split[1]!.text).toContain(second);
  });

  test('a part that names nothing of its own continues the one before it, with its words', () => {
    const [first, second] = parts(
      'Thái Bình có bao nhiêu người được hưởng TCTN năm 2020, tăng bao nhiêu so với năm trước?',
    );
    expect(second!.follows).toBe(true);
    expect(second!.terms).toEqual(expect.arrayContaining(first!.terms));
  });

  test('from–to parts each take their own year; the second keeps the unit of the first', () => {
    const [from, to] = parts('Tỷ lệ hộ nghèo của Hưng Yên giảm từ bao nhiêu năm 2021 xuống bao nhiêu vào cuối 2024?');
    expect([from!.period?.key, to!.period?.key]).toEqual(['2021', '2024']);
    expect(to!.units).toEqual(from!.units);
  });

  test('a baseline year is not the period a part asks about', () => {
    const [, change] = parts(
      'Xuất khẩu lao động của Hà Tĩnh quý 1/2025 được bao nhiêu người, tăng hay giảm so với cùng kỳ 2024?',
    );
    expect(change!.period?.key).toBe('2025-q1');
  });

  test('two indicators joined by `và` are two parts, one each', () => {
    const split = parts('Chỉ tiêu năm 2020 của Bắc Giang về giải quyết việc làm và tỷ lệ hộ nghèo là bao nhiêu?');
    expect(split.map((p) => p.indicators[0]?.id)).toEqual(['giai_quyet_viec_lam', 'ty_le_ho_ngheo']);
    expect(split.every((p) => p.plan)).toBe(true);
  });
});

describe('the unit a part asks in', () => {
  test.each([
    ['Số người được giải quyết việc làm năm 2024 ở Hà Tĩnh tăng bao nhiêu phần trăm?', ['%']],
    ['Thái Bình năm 2020 tiếp nhận bao nhiêu hồ sơ xin hưởng trợ cấp thất nghiệp?', ['hồ sơ']],
    ['Số hộ nghèo Bà Rịa - Vũng Tàu giảm bao nhiêu hộ so với đầu năm?', ['hộ']],
    ['Quảng Ninh hỗ trợ bao nhiêu tấn gạo cho người dân?', ['tấn']],
    ['Đắk Lắk có bao nhiêu trẻ em dưới 6 tuổi được cấp thẻ BHYT?', ['trẻ em']],
    ['Tổng kinh phí hỗ trợ là bao nhiêu?', ['đồng']],
  ])('%s → %j', (question, units) => {
    expect(parts(question)[0]!.units).toEqual(units);
  });
});

describe('a plan is asked for, or a result', () => {
  test.each([
    ['Giai đoạn 2026-2030 Nghệ An đặt chỉ tiêu đưa bao nhiêu người đi làm việc ở nước ngoài?', true],
    ['Năm 2020 Bắc Giang đặt kế hoạch tuyển mới và đào tạo nghề cho bao nhiêu người?', true],
    ['Dự kiến cả năm 2025 Quảng Trị sẽ hỗ trợ bao nhiêu người đi làm việc ở nước ngoài?', true],
    ['Kế hoạch năm 2024 của Quảng Trị: giải quyết việc làm cho bao nhiêu lao động?', true],
    ['Năm 2024 Thanh Hóa tạo việc làm mới cho bao nhiêu lao động, vượt kế hoạch bao nhiêu?', false],
    ['Hà Tĩnh năm 2024 giải quyết việc làm cho bao nhiêu người, đạt bao nhiêu % kế hoạch?', false],
    ['Năm 2024 Hà Nội đạt kế hoạch giải quyết việc làm chưa, bao nhiêu người?', false],
  ])('%s → plan %s', (question, plan) => {
    expect(parts(question)[0]!.plan).toBe(plan);
  });
});

describe('claimed numbers are checked one by one', () => {
  test.each([
    ['Có đúng là năm 2024 Hà Tĩnh giải quyết việc làm trong nước cho 12.140 người nhưng mới đạt 78,3% kế hoạch?', 1],
    ['Lực lượng lao động từ 15 tuổi trở lên ở Lào Cai là hơn 460.000 người, chiếm gần 62% dân số, có đúng không?', 2],
    [
      'Yên Bái năm 2021 giải quyết trợ cấp thất nghiệp cho 3.835 người với tổng số tiền 50,4 tỷ đồng, chính xác không?',
      2,
    ],
    ['Cuối năm 2019 tỷ lệ hộ nghèo Bắc Giang còn 3,5% phải không?', 1],
    ['Quý I/2025 số người được giải quyết việc làm ở Hà Tĩnh tăng 10,46% so với cùng kỳ năm 2024, phải không?', 1],
  ])('%s → %i claims', (question, count) => {
    const claims = claimAsks(parseQuery(question));
    expect(claims).toHaveLength(count);
  });

  test('a claimed change asks for a change, in the claim’s unit', () => {
    const [only] = claimAsks(
      parseQuery('Quý I/2025 số người được giải quyết việc làm ở Hà Tĩnh tăng 10,46% so với cùng kỳ, phải không?'),
    );
    expect(only!.ask.role).toBe('change');
    expect(only!.ask.units).toEqual(['%']);
  });
});

describe('a part names a topic, or only a unit', () => {
  test.each([
    ['Lạng Sơn có bao nhiêu người?', false],
    ['Tây Ninh có bao nhiêu trường hợp?', false],
    ['Thái Nguyên hỗ trợ bao nhiêu?', false],
    ['Hà Nam có bao nhiêu người được hỗ trợ?', false],
    ['How many people in Ha Nam?', false],
    ['Tây Ninh có bao nhiêu người được giải quyết việc làm?', true],
    ['Hà Nam có bao nhiêu hộ nghèo?', true],
    ['Lạng Sơn có bao nhiêu người cai nghiện?', true],
    ['How many workers went abroad from Nghe An?', true],
  ])('%s → %s', (question, topical) => {
    expect(namesTopic(parts(question)[0]!)).toBe(topical);
  });
});
