import { describe, expect, test } from 'vitest';
import { foldForMatch, indicatorForFigure, indicatorTerms, matchIndicators } from '../../src/figures/indicator.js';
import { INDICATORS, getIndicator } from '../../src/figures/taxonomy.js';
import { FIGURE_KINDS } from '../../src/figures/types.js';
import { CANONICAL_UNITS } from '../../src/figures/units.js';

const REQUIRED_IDS = [
  'ty_le_ho_ngheo',
  'so_ho_ngheo',
  'ty_le_ho_can_ngheo',
  'so_ho_can_ngheo',
  'giai_quyet_viec_lam',
  'xuat_khau_lao_dong',
  'tuyen_sinh_dao_tao_nghe',
  'ty_le_lao_dong_qua_dao_tao',
  'ty_le_lao_dong_co_bang_cap',
  'ty_le_that_nghiep',
  'bhxh_bat_buoc',
  'bhxh_tu_nguyen',
  'bhtn',
  'tro_cap_that_nghiep',
  'nguoi_co_cong_tro_cap',
  'qua_nguoi_co_cong',
  'quy_den_on_dap_nghia',
  'nha_o_nguoi_co_cong',
  'dieu_duong_nguoi_co_cong',
  'bao_tro_xa_hoi',
  'gao_cuu_doi',
  'bhyt',
  'bhyt_tre_em',
  'tre_em',
  'cai_nghien',
  'cai_nghien_bat_buoc',
  'cai_nghien_tu_nguyen',
  'hoc_vien_cai_nghien',
  'tai_nan_lao_dong',
  'nha_o_ho_ngheo',
  'tu_van_gioi_thieu_viec_lam',
  'phien_giao_dich_viec_lam',
  'lao_dong_nuoc_ngoai',
  'cai_cach_hanh_chinh',
  'nguoi_cao_tuoi',
  'ho_so_tthc',
  'vay_von',
  'nan_nhan_mua_ban_nguoi',
  'binh_dang_gioi',
];

describe('taxonomy', () => {
  test('has every required indicator, each id once', () => {
    const ids = INDICATORS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(25);
    for (const id of REQUIRED_IDS) expect(ids).toContain(id);
  });

  test('every indicator has labels, Vietnamese terms and English phrasings', () => {
    for (const i of INDICATORS) {
      expect(i.label_vi.trim().length, i.id).toBeGreaterThan(0);
      expect(i.label_en.trim().length, i.id).toBeGreaterThan(0);
      expect(i.terms.length, i.id).toBeGreaterThan(0);
      expect(i.english.length, i.id).toBeGreaterThan(0);
    }
  });

  test('a parent is another indicator', () => {
    for (const i of INDICATORS) if (i.parent) expect(getIndicator(i.parent), i.id).toBeDefined();
  });

  test('units and kinds named by the taxonomy are ones the parser produces', () => {
    for (const i of INDICATORS) {
      for (const u of i.units ?? []) expect(CANONICAL_UNITS.has(u), `${i.id}: ${u}`).toBe(true);
      for (const k of i.kinds ?? []) expect(FIGURE_KINDS).toContain(k);
    }
  });

  test('getIndicator and indicatorTerms look an indicator up by id', () => {
    expect(getIndicator('bhtn')?.label_en).toBe('unemployment insurance participants');
    expect(indicatorTerms('xuat_khau_lao_dong')).toContain('XKLĐ');
    expect(indicatorTerms('no_such_indicator')).toEqual([]);
  });
});

describe('matchIndicators', () => {
  test.each([
    ['Tỷ lệ hộ nghèo của Thái Nguyên cuối năm 2023 là bao nhiêu?', 'ty_le_ho_ngheo'],
    ['Tổng số hộ nghèo của Hà Nam năm 2023 còn bao nhiêu?', 'so_ho_ngheo'],
    ['ty le ho can ngheo ha nam 2023', 'ty_le_ho_can_ngheo'],
    ['Tỷ lệ hộ cận nghèo', 'ty_le_ho_can_ngheo'],
    ['tỉ lệ hộ nghèo', 'ty_le_ho_ngheo'],
    ['Năm 2023 Thái Nguyên giải quyết việc làm cho bao nhiêu lao động?', 'giai_quyet_viec_lam'],
    ['Năm 2024 Bắc Kạn đưa bao nhiêu lao động đi làm việc ở nước ngoài theo hợp đồng?', 'xuat_khau_lao_dong'],
    ['XKLĐ Hà Nam 2023', 'xuat_khau_lao_dong'],
    ['xkld ha nam 2023', 'xuat_khau_lao_dong'],
    ['BHTN Bắc Kạn 2024 bao nhiêu người tham gia?', 'bhtn'],
    ['bhtn bac kan', 'bhtn'],
    ['Bắc Kạn có bao nhiêu người tham gia BHXH tự nguyện năm 2024?', 'bhxh_tu_nguyen'],
    ['Tây Ninh chi trả trợ cấp thường xuyên cho bao nhiêu lượt NCC?', 'nguoi_co_cong_tro_cap'],
    ['bac kan cai nghien bat buoc bao nhieu nguoi', 'cai_nghien_bat_buoc'],
    ['so nguoi huong tro cap that nghiep tay ninh 9 thang', 'tro_cap_that_nghiep'],
    ['Tháng 4/2024 Lạng Sơn chi bao nhiêu tiền trợ cấp thất nghiệp?', 'tro_cap_that_nghiep'],
    ['Tỷ lệ thất nghiệp khu vực thành thị ở Thái Nguyên năm 2023?', 'ty_le_that_nghiep'],
    ['Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ', 'ty_le_lao_dong_co_bang_cap'],
    ['Tỷ lệ lao động qua đào tạo của Hà Nam năm 2023 đạt bao nhiêu?', 'ty_le_lao_dong_qua_dao_tao'],
    ['Thái Nguyên tuyển sinh đào tạo nghề được bao nhiêu người năm 2023?', 'tuyen_sinh_dao_tao_nghe'],
    ['Quỹ Đền ơn đáp nghĩa Thái Nguyên huy động được bao nhiêu tiền?', 'quy_den_on_dap_nghia'],
    ['Số thẻ BHYT cấp cho trẻ em dưới 6 tuổi ở Tây Ninh?', 'bhyt_tre_em'],
    ['Cơ sở cai nghiện ma túy tỉnh Lạng Sơn đang quản lý bao nhiêu học viên?', 'hoc_vien_cai_nghien'],
    ['Lạng Sơn cấp bao nhiêu tấn gạo dịp Tết Nguyên đán Giáp Thìn?', 'gao_cuu_doi'],
    ['Tây Ninh có bao nhiêu vụ tai nạn lao động chết người?', 'tai_nan_lao_dong'],
    ['Tây Ninh tặng bao nhiêu phần quà cho người có công?', 'qua_nguoi_co_cong'],
    ['Bắc Kạn đã hỗ trợ bao nhiêu nhà ở cho hộ nghèo năm 2024?', 'nha_o_ho_ngheo'],
    ['How many people in Bac Kan joined compulsory social insurance in 2024?', 'bhxh_bat_buoc'],
    ['What is the poverty rate in Ha Nam?', 'ty_le_ho_ngheo'],
    ['number of near-poor households', 'so_ho_can_ngheo'],
    ['urban unemployment rate', 'ty_le_that_nghiep'],
    ['unemployment benefit paid in April', 'tro_cap_that_nghiep'],
    ['unemployment insurance participants', 'bhtn'],
    ['labour export from Ha Nam', 'xuat_khau_lao_dong'],
    ['vocational training enrolment', 'tuyen_sinh_dao_tao_nghe'],
    ['health insurance cards', 'bhyt'],
    ['drug rehabilitation', 'cai_nghien'],
    ['occupational accidents in Tay Ninh', 'tai_nan_lao_dong'],
    ['rice relief for Tet', 'gao_cuu_doi'],
    ['how many gifts', 'qua_nguoi_co_cong'],
  ])('%s → %s', (question, id) => {
    expect(matchIndicators(question)[0]?.id).toBe(id);
  });

  test('hộ cận nghèo is never also read as hộ nghèo', () => {
    const ids = matchIndicators('tỷ lệ hộ cận nghèo giảm còn bao nhiêu').map((m) => m.id);
    expect(ids).toEqual(['ty_le_ho_can_ngheo']);
  });

  test('reports the words that matched, as written', () => {
    expect(matchIndicators('XKLĐ Hà Nam 2023')[0]?.matched).toBe('XKLĐ');
    expect(matchIndicators('Tỷ lệ hộ nghèo năm 2023')[0]?.matched).toBe('Tỷ lệ hộ nghèo');
  });

  test('a question about something else names no indicator', () => {
    expect(matchIndicators('Giá vàng hôm nay bao nhiêu?')).toEqual([]);
    expect(matchIndicators('Thái Nguyên có bao nhiêu bệnh viện tuyến tỉnh?')).toEqual([]);
  });

  test('folding keeps offsets: one character out for each character in', () => {
    const text = 'Tỷ lệ hộ nghèo giảm còn 3,02% – “Liệt sỹ”';
    expect(foldForMatch(text)).toHaveLength(text.length);
    expect(foldForMatch(text)).toBe('ti le ho ngheo giam con 3 02     liet si ');
  });

  test('only a whole consonant-and-`y` syllable is respelt with `i`', () => {
    expect(foldForMatch('sỹ tỷ sys tia ksy Sỹ. tỉ quy kỹ')).toBe('si ti sys tia ksy si  ti quy ki');
  });
});

/** Finds `needle` in `sentence` and asks for the indicator of the figure written there. */
function indicatorOf(sentence: string, needle: string, unit: string | null = null): string | null {
  const start = sentence.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in ${sentence}`);
  return indicatorForFigure(sentence, start, start + needle.length, unit);
}

describe('indicatorForFigure', () => {
  const JOBS =
    'giải quyết việc làm cho 23.250 người lao động, trong đó có 2.749 người lao động đi làm việc ở nước ngoài theo hợp đồng, tăng 38,7% so với năm 2022.';

  test.each([
    [JOBS, '23.250 người lao động', 'người', 'giai_quyet_viec_lam'],
    [JOBS, '2.749 người lao động', 'người', 'xuat_khau_lao_dong'],
    [
      'Tỉnh có 23.758/23.279 người tham gia BHXH bắt buộc, đạt 102,5% kế hoạch',
      '23.758/23.279 người',
      'người',
      'bhxh_bat_buoc',
    ],
    ['9.466/9.216 người tham gia BHXH tự nguyện, đạt 102,7% KH', '9.466/9.216 người', 'người', 'bhxh_tu_nguyen'],
    ['18.004/17.347 người tham gia bảo hiểm thất nghiệp, đạt 103,8% kế hoạch', '18.004/17.347 người', 'người', 'bhtn'],
    ['Tỷ lệ hộ nghèo giảm còn 3,02% (giảm từ 4,35% xuống 3,02%)', '3,02%', '%', 'ty_le_ho_ngheo'],
    ['Tổng số hộ nghèo năm 2023 còn 5.915 hộ (giảm 1.656 hộ so với năm 2022)', '5.915 hộ', 'hộ', 'so_ho_ngheo'],
    ['tỷ lệ hộ cận nghèo giảm còn 2,21% (giảm 0,46% so với năm 2022)', '2,21%', '%', 'ty_le_ho_can_ngheo'],
    ['Tổng số hộ cận nghèo giảm còn 6.200 hộ', '6.200 hộ', 'hộ', 'so_ho_can_ngheo'],
    [
      'Hiện nay, Cơ sở Cai nghiện ma tuý tỉnh đang quản lý 452 học viên.',
      '452 học viên',
      'học viên',
      'hoc_vien_cai_nghien',
    ],
    ['Ngân hàng chính sách xã hội đã cho vay 594 đối tượng là hộ nghèo', '594 đối tượng', 'đối tượng', 'vay_von'],
    ['Số tiền trợ cấp thất nghiệp là 4.622 triệu đồng', '4.622 triệu đồng', 'đồng', 'tro_cap_that_nghiep'],
    [
      'tiếp nhận gạo cứu đói trong dịp Tết Nguyên đán từ nguồn dự trữ quốc gia 259.310 kg',
      '259.310 kg',
      'kg',
      'gao_cuu_doi',
    ],
    [
      'Tặng 110.412 suất quà cho người có công và thân nhân người có công',
      '110.412 suất quà',
      'suất quà',
      'qua_nguoi_co_cong',
    ],
    ['triển khai hỗ trợ 80 nhà ở cho hộ nghèo từ gói tài trợ', '80 nhà ở', 'nhà', 'nha_o_ho_ngheo'],
    ['Công tác cấp thẻ BHYT: cho người thuộc hộ nghèo theo quy định: 17.340 thẻ', '17.340 thẻ', 'thẻ', 'bhyt'],
    ['Điều tra tai nạn lao động: 17 vụ làm chết 18 người', '17 vụ', 'vụ', 'tai_nan_lao_dong'],
    ['đứng thứ 12/19 sở/ban ngành trong Chỉ số cải cách hành chính', '12/19 sở/ban ngành', 'sở', 'cai_cach_hanh_chinh'],
    ['Tỷ lệ hộ nghèo giảm còn 3,02%; tổ chức 3 lớp tập huấn cho cán bộ', '3 lớp', 'lớp', 'tap_huan'],
  ])('%s [%s]', (sentence, needle, unit, id) => {
    expect(indicatorOf(sentence, needle, unit)).toBe(id);
  });

  test('a figure whose clause names no indicator has none', () => {
    expect(indicatorOf('Đồng ý cho 02 trường Trung cấp phối hợp tuyển dụng', '02 trường', 'trường')).toBeNull();
  });

  test('the label does not reach back past a sentence end', () => {
    expect(
      indicatorOf('Tỷ lệ hộ nghèo giảm còn 3,02%. Có 38 doanh nghiệp đăng ký', '38 doanh nghiệp', 'doanh nghiệp'),
    ).not.toBe('ty_le_ho_ngheo');
  });
});
