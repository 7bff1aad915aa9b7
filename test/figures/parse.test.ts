import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatVietnameseNumber, parseFigures, parseVietnameseNumber } from '../../src/figures/parse.js';
import type { Figure } from '../../src/figures/types.js';

type Expected = Partial<Figure>[];

/** Snippets from the bundled reports and every figure each must yield, in order. */
const NUMBER_FORMATS: [string, Expected][] = [
  [
    'giải quyết việc làm cho 23.250 người lao động',
    [{ text: '23.250 người lao động', kind: 'count', value: 23250, unit: 'người', unitText: 'người lao động' }],
  ],
  ['tỷ lệ thất nghiệp khu vực thành thị 2,4%', [{ text: '2,4%', kind: 'percent', value: 2.4, unit: '%' }]],
  [
    'với tổng số tiền là 34.451,21 triệu đồng',
    [{ text: '34.451,21 triệu đồng', kind: 'money', value: 34_451_210_000, unit: 'đồng', unitText: 'triệu đồng' }],
  ],
  [
    'Ra quyết định hưởng trợ cấp thất nghiệp cho 12.951 người, với tổng số tiền 291.463,467 triệu đồng.',
    [
      { text: '12.951 người', value: 12951 },
      { text: '291.463,467 triệu đồng', kind: 'money', value: 291_463_467_000, unit: 'đồng' },
    ],
  ],
  [
    'tổng kinh phí hỗ trợ 4,5 tỷ đồng',
    [{ text: '4,5 tỷ đồng', kind: 'money', value: 4_500_000_000, unitText: 'tỷ đồng' }],
  ],
  [
    '(trong đó trình độ cao đẳng: 19; trung cấp: 285; sơ cấp: 1.715; dưới 3 tháng: 6481)',
    [
      { text: '19', value: 19, unit: null, unitText: null },
      { text: '285', value: 285, unit: null },
      { text: '1.715', value: 1715 },
      { text: '6481', value: 6481 },
    ],
  ],
  [
    'Tình hình tai nạn lao động chết người: 04 vụ tai nạn lao động chết người với thiệt hại 06 người chết tại 04 doanh nghiệp.',
    [
      { text: '04 vụ', value: 4, unit: 'vụ' },
      { text: '06 người chết', value: 6, unit: 'người' },
      { text: '04 doanh nghiệp', value: 4, unit: 'doanh nghiệp' },
    ],
  ],
  [
    'với trên 135 nghìn người',
    [{ text: '135 nghìn người', value: 135_000, unit: 'người', unitText: 'nghìn người', qualifier: 'trên' }],
  ],
  [
    'Tổ chức 9 Phiên giao dịch việc làm với 3700 lượt người tham gia, 2786 người được tư vấn việc làm',
    [
      { text: '9 Phiên', unit: 'phiên' },
      { text: '3700 lượt người', value: 3700, unit: 'lượt người' },
      { text: '2786 người', value: 2786, unit: 'người' },
    ],
  ],
  [
    'chi trả trợ cấp hàng tháng cho 20.355 người với tổng kinh phí gần 47.701 triệu đồng/tháng',
    [
      { text: '20.355 người', value: 20355 },
      { text: '47.701 triệu đồng/tháng', kind: 'money', value: 47_701_000_000, unit: 'đồng/tháng', qualifier: 'gần' },
    ],
  ],
  [
    'từ nguồn dự trữ quốc gia 259.310 kg hỗ trợ cho 3.268 hộ với 11.901 khẩu',
    [
      { text: '259.310 kg', value: 259310, unit: 'kg' },
      { text: '3.268 hộ', unit: 'hộ' },
      { text: '11.901 khẩu', unit: 'khẩu' },
    ],
  ],
  [
    '10.676 nhân khẩu với 160 tấn gạo',
    [
      { text: '10.676 nhân khẩu', unit: 'nhân khẩu' },
      { text: '160 tấn', value: 160, unit: 'tấn' },
    ],
  ],
  ['tổ chức thăm và tặng quà cho 900 trẻ em có hoàn cảnh đặc biệt', [{ text: '900 trẻ em', unit: 'trẻ em' }]],
  [
    'Tặng 110.412 suất quà cho người có công',
    [{ text: '110.412 suất quà', unit: 'suất quà', indicator: 'qua_nguoi_co_cong' }],
  ],
  ['thực hiện tặng 74.333 phần quà cho các đối tượng chính sách NCC', [{ text: '74.333 phần quà', unit: 'phần quà' }]],
  [
    'sửa chữa 68 căn với số tiền 3.871,342 triệu đồng',
    [
      { text: '68 căn', value: 68, unit: 'căn' },
      { text: '3.871,342 triệu đồng', value: 3_871_342_000 },
    ],
  ],
  ['đạt 74,32 điểm xếp nhóm khá', [{ text: '74,32 điểm', value: 74.32, unit: 'điểm', qualifier: 'đạt' }]],
  ['in và cấp phát 8.000 tờ gấp phòng chống bạo lực', [{ text: '8.000 tờ gấp', value: 8000, unit: 'tờ' }]],
  ['Tổ chức treo 105 băng ron tuyên truyền', [{ text: '105 băng ron', unit: 'băng ron' }]],
  ['Tiếp công dân của thủ trưởng: 10 kỳ, nhưng không phát sinh.', [{ text: '10 kỳ', unit: 'kỳ' }]],
  [
    'Khen thưởng 04 tập thể, 05 cá nhân',
    [
      { text: '04 tập thể', unit: 'tập thể' },
      { text: '05 cá nhân', unit: 'cá nhân' },
    ],
  ],
  ['tự đào tạo sau đại học cho 02 viên chức.', [{ text: '02 viên chức', value: 2, unit: 'viên chức' }]],
  ['Tổ chức 01 đoàn kiểm tra, giám sát', [{ text: '01 đoàn', value: 1, unit: 'đoàn' }]],
  [
    'triển khai thực hiện được 67 dự án, mô hình với 558 hộ nghèo',
    [
      { text: '67 dự án', unit: 'dự án' },
      { text: '558 hộ', unit: 'hộ' },
    ],
  ],
  [
    'tổ chức 3 lớp tập huấn cho cán bộ làm công tác giảm nghèo cấp huyện, cấp xã năm 2024 với 334 người tham dự',
    [{ text: '3 lớp', unit: 'lớp', indicator: 'tap_huan' }, { text: '334 người' }],
  ],
  ['hưởng trợ cấp thờ cúng liệt sĩ đối với 54 trường hợp', [{ text: '54 trường hợp', unit: 'trường hợp' }]],
  ['đưa 18 đại biểu người có công đi thăm chiến trường xưa', [{ text: '18 đại biểu', unit: 'đại biểu' }]],
  [
    'án táng 297 hài cốt liệt sĩ được quy tập ở Campuchia đưa về nước (02 đợt)',
    [
      { text: '297 hài cốt', unit: 'hài cốt', indicator: 'liet_si' },
      { text: '02 đợt', unit: 'đợt' },
    ],
  ],
  ['Tiếp nhận và giải quyết 38 đơn, thư khiếu nại, tố cáo.', [{ text: '38 đơn', unit: 'đơn' }]],
  ['kiểm tra hoạt động của 02 cơ sở trợ giúp xã hội ngoài công lập', [{ text: '02 cơ sở', unit: 'cơ sở' }]],
  ['phòng ngừa mại dâm cho hội viên của 20 xã vùng biên giới', [{ text: '20 xã', unit: 'xã' }]],
  [
    'Thực hiện tiếp nhận và hỗ trợ 23 nạn nhân bị mua bán',
    [{ text: '23 nạn nhân', indicator: 'nan_nhan_mua_ban_nguoi' }],
  ],
  ['Sở Lao động – Thương binh và Xã hội có 05 nội dung đăng ký', [{ text: '05 nội dung', value: 5, unit: 'nội dung' }]],
  [
    'Thanh tra, kiểm tra chuyên ngành: 02 cuộc kiểm tra với 22 tổ chức.',
    [
      { text: '02 cuộc', unit: 'cuộc' },
      { text: '22 tổ chức', unit: 'tổ chức' },
    ],
  ],
  ['tỷ lệ lao động qua đào tạo đạt 73%', [{ text: '73%', kind: 'percent', value: 73, qualifier: 'đạt' }]],
  ['duy trì 100 % hộ gia đình chính sách', [{ text: '100 %', kind: 'percent', value: 100 }]],
];

const PLAN_FIGURES: [string, Expected][] = [
  [
    'Toàn tỉnh giải quyết việc làm cho 7.000/6.400 người, đạt 109,4% kế hoạch.',
    [
      {
        text: '7.000/6.400 người',
        kind: 'achieved_over_plan',
        value: 7000,
        target: 6400,
        percentOfPlan: 109.4,
        percentOfPlanText: '109,4%',
      },
    ],
  ],
  [
    '9.466/9.216 người tham gia BHXH tự nguyện, đạt 102,7% KH',
    [{ text: '9.466/9.216 người', value: 9466, target: 9216, percentOfPlan: 102.7, indicator: 'bhxh_tu_nguyen' }],
  ],
  [
    'Tổ chức cai nghiện phục hồi cho 1.087/1.000 người (đạt 108,7% so với kế hoạch năm)',
    [{ text: '1.087/1.000 người', value: 1087, target: 1000, percentOfPlan: 108.7 }],
  ],
  [
    'cai nghiện ma túy bắt buộc cho 91/80 người, đạt 113,75% kế hoạch UBND tỉnh giao năm 2024.',
    [{ text: '91/80 người', value: 91, target: 80, percentOfPlan: 113.75, indicator: 'cai_nghien_bat_buoc' }],
  ],
  [
    'Tuyển sinh và đào tạo nghề nghiệp cho 40.512 người, đạt 101,28% so với kế hoạch cả năm (40.512/40.000).',
    [
      { text: '40.512 người', kind: 'count', value: 40512, percentOfPlan: 101.28, percentOfPlanText: '101,28%' },
      { text: '40.512/40.000', kind: 'achieved_over_plan', value: 40512, target: 40000, unit: null },
    ],
  ],
  [
    'Giải quyết việc làm mới cho 28.494 người (đạt 114% kế hoạch năm 2023)',
    [{ text: '28.494 người', kind: 'count', percentOfPlan: 114, indicator: 'giai_quyet_viec_lam' }],
  ],
  [
    'Giải quyết việc làm tăng thêm cho 13.864 lao động, đạt 86,65% so với kế hoạch đề ra',
    [{ text: '13.864 lao động', unit: 'lao động', percentOfPlan: 86.65 }],
  ],
  [
    'đã thu thập, cập nhật thông tin người lao động được 189.680/211.466 người, theo kết quả rà soát (đạt 89,7%).',
    [{ text: '189.680/211.466 người', value: 189680, target: 211466, percentOfPlan: 89.7 }],
  ],
  [
    'Hỗ trợ nhà ở NCC, thân nhân liệt sĩ: xây mới 11/12 căn với số tiền 1.760 triệu đồng',
    [
      {
        text: '11/12 căn',
        kind: 'achieved_over_plan',
        value: 11,
        target: 12,
        unit: 'căn',
        indicator: 'nha_o_nguoi_co_cong',
      },
      { text: '1.760 triệu đồng', value: 1_760_000_000 },
    ],
  ],
  [
    'thu Quỹ Đền ơn đáp nghĩa các cấp huy động được 7.108/7.000 triệu đồng, đạt 101,5%;',
    [
      {
        text: '7.108/7.000 triệu đồng',
        kind: 'achieved_over_plan',
        value: 7_108_000_000,
        target: 7_000_000_000,
        unit: 'đồng',
        percentOfPlan: 101.5,
        indicator: 'quy_den_on_dap_nghia',
      },
    ],
  ],
  [
    'Số học viên đang quản lý tại Cơ sở Cai nghiện ma túy: 472 học viên /15 nữ, trong đó: cai nghiện bắt buộc 448 học viên',
    [
      { text: '472 học viên', kind: 'count', value: 472, indicator: 'hoc_vien_cai_nghien' },
      { text: '15 nữ', kind: 'count', value: 15, unit: 'nữ' },
      { text: '448 học viên', indicator: 'cai_nghien_bat_buoc' },
    ],
  ],
  ['tính đến 30/8/2024: 1.446/2.450 người, đạt tỷ lệ 59%', [{ text: '1.446/2.450 người', percentOfPlan: 59 }]],
  [
    'Đề án vị trí việc làm đối với 06/06 đơn vị sự nghiệp trực thuộc',
    [{ text: '06/06 đơn vị', kind: 'achieved_over_plan', value: 6, target: 6 }],
  ],
];

const CHANGES_AND_RANKS: [string, Expected][] = [
  [
    'Tổng số hộ nghèo năm 2023 còn 5.915 hộ (giảm 1.656 hộ so với năm 2022)',
    [
      { text: '5.915 hộ', kind: 'count', value: 5915, indicator: 'so_ho_ngheo' },
      { text: '1.656 hộ', kind: 'change', direction: 'down', value: 1656, indicator: 'so_ho_ngheo' },
    ],
  ],
  [
    'Tỷ lệ hộ nghèo giảm còn 3,02% (giảm từ 4,35% xuống 3,02%)',
    [
      { text: '3,02%', kind: 'percent', value: 3.02, indicator: 'ty_le_ho_ngheo' },
      { text: '4,35% xuống 3,02%', kind: 'change', direction: 'down', value: 3.02, from: 4.35, to: 3.02, unit: '%' },
    ],
  ],
  ['tăng 38,7% so với năm 2022', [{ text: '38,7%', kind: 'change', direction: 'up', value: 38.7 }]],
  [
    'cho 1.485 lượt người giảm 57,72 % so với cùng kỳ năm 2023',
    [{ text: '1.485 lượt người' }, { text: '57,72 %', kind: 'change', direction: 'down', value: 57.72 }],
  ],
  [
    'đứng thứ 12/19 sở/ban ngành (tăng 05 bậc so với năm 2021)',
    [
      { text: '12/19 sở/ban ngành', kind: 'rank', value: 12, target: 19, unit: 'sở' },
      { text: '05 bậc', kind: 'change', direction: 'up', value: 5, unit: 'bậc' },
    ],
  ],
  ['cao hơn so với năm 2022 là 1%', [{ text: '1%', kind: 'change', direction: 'up', value: 1 }]],
  [
    'mức giảm tỷ lệ hộ nghèo là 1,33% so với cuối năm 2022',
    [{ text: '1,33%', kind: 'change', direction: 'down', value: 1.33, indicator: 'ty_le_ho_ngheo' }],
  ],
  [
    '(trong đó: tăng mới 408 người, giảm 942 người)',
    [
      { text: '408 người', kind: 'change', direction: 'up' },
      { text: '942 người', kind: 'change', direction: 'down' },
    ],
  ],
  [
    'Tổng số hộ cận nghèo giảm còn 6.200 hộ',
    [{ text: '6.200 hộ', kind: 'count', value: 6200, indicator: 'so_ho_can_ngheo' }],
  ],
  [
    'tỷ lệ hộ cận nghèo giảm còn 2,21% (giảm 0,46% so với năm 2022)',
    [
      { text: '2,21%', kind: 'percent', indicator: 'ty_le_ho_can_ngheo' },
      { text: '0,46%', kind: 'change', direction: 'down', indicator: 'ty_le_ho_can_ngheo' },
    ],
  ],
  [
    '17.340 thẻ (tăng 18 thẻ, giảm 97 thẻ)',
    [
      { text: '17.340 thẻ', kind: 'count' },
      { text: '18 thẻ', kind: 'change', direction: 'up' },
      { text: '97 thẻ', kind: 'change', direction: 'down' },
    ],
  ],
  [
    '89.139 người (phát sinh tăng 1.420 người, giảm 1.592 người)',
    [
      { text: '89.139 người' },
      { text: '1.420 người', kind: 'change', direction: 'up' },
      { text: '1.592 người', kind: 'change' },
    ],
  ],
  [
    'Sở Lao động – Thương binh và Xã hội đạt 96,7% xếp thứ 2/13 sở ngành thực hiện đánh giá',
    [
      { text: '96,7%', kind: 'percent', qualifier: 'đạt' },
      { text: '2/13 sở ngành', kind: 'rank', value: 2, target: 13, unit: 'sở' },
    ],
  ],
];

const QUALIFIED: [string, Expected][] = [
  [
    'toàn tỉnh đã hỗ trợ thường xuyên hàng tháng gần 20.000 người có công',
    [{ text: '20.000 người có công', value: 20000, qualifier: 'gần' }],
  ],
  ['với số tiền trên 510 tỷ đồng', [{ text: '510 tỷ đồng', value: 510_000_000_000, qualifier: 'trên' }]],
  ['với tổng số hơn 400 trẻ em được khám', [{ text: '400 trẻ em', qualifier: 'hơn' }]],
  ['giải quyết việc làm thêm cho khoảng 25.040 người', [{ text: '25.040 người', qualifier: 'khoảng' }]],
  ['lũy kế từ đầu năm 2024 là 1.372 người', [{ text: '1.372 người', value: 1372, qualifier: 'lũy kế' }]],
  ['Lũy kế tiếp nhận và giải quyết 457 hồ sơ người có công', [{ text: '457 hồ sơ', qualifier: 'lũy kế' }]],
  [
    'Công tác cấp thẻ BHYT cho trẻ em dưới 6 tuổi: 89.139 người',
    [
      { text: '6 tuổi', unit: 'tuổi', qualifier: 'dưới' },
      { text: '89.139 người', value: 89139, qualifier: null, indicator: 'bhyt_tre_em' },
    ],
  ],
  ['(đạt chỉ tiêu được giao là <3%)', [{ text: '3%', kind: 'percent', value: 3, qualifier: 'dưới' }]],
  [
    'Tuyển sinh đào tạo nghề cho 20.800 người (cao đẳng: 472 người, trung cấp 3.574 người, sơ cấp 2.826, dạy nghề dưới 3 tháng 13.928 người)',
    [
      { text: '20.800 người', indicator: 'tuyen_sinh_dao_tao_nghe' },
      { text: '472 người' },
      { text: '3.574 người' },
      { text: '2.826' },
      { text: '13.928 người', value: 13928, qualifier: null },
    ],
  ],
  [
    'sơ cấp 845 học viên, đào tạo dưới 03 tháng 956 học viên',
    [{ text: '845 học viên' }, { text: '956 học viên', value: 956 }],
  ],
];

/** Numbers that are not figures: dates, times, document numbers, years, footnotes, headings, names. */
const NOT_FIGURES: [string, Expected][] = [
  ['Đến ngày 30/8/2024, các huyện', []],
  [
    'dịp kỷ niệm 76 năm ngày Thương binh - Liệt sỹ 27/7 và nhân kỷ niệm 78 năm cách mạng tháng Tám và Quốc khánh 02/9.',
    [],
  ],
  ['theo Nghị định số 55/2023/NĐ-CP của Chính phủ', []],
  ['Kế hoạch số 227-KH/TU ngày 24/7/2024 thực hiện Chỉ thị số 31-CT/TW ngày 19/3/2024', []],
  ['Công văn số 2797/SLĐTBXH-VP về việc đề nghị thẩm định', []],
  ['Trình UBND tỉnh ban hành Kế hoạch số 85/KH-UBND, ngày 08/4/2024 rà soát hộ nghèo', []],
  ['Giải quyết 922 hồ sơ theo Nghị định 131/2022/NĐ-CP', [{ text: '922 hồ sơ' }]],
  ['Thực hiện Quyết định số 02/QĐ-UBND ngày 09/01/2024 của Uỷ ban nhân dân', []],
  ['Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương', []],
  ['Thông báo số 2463-TB/VPTU ngày 10/9/2024', []],
  ['cam kết quốc tế về lao động giai đoạn 2024-2030', []],
  ['giảm nghèo bền vững giai đoạn 2021 - 2025 năm 2024', []],
  ['Trong năm 2023, toàn tỉnh', []],
  [
    '04 nội dung (trình 03 Nghị quyết của HĐND, 01 Kế hoạch cuẩ UBND tỉnh)[1], đang thực hiện 01 nội dung[2].',
    [{ text: '04 nội dung' }, { text: '03 Nghị quyết' }, { text: '01 Kế hoạch' }, { text: '01 nội dung' }],
  ],
  ['\n4.1. Công tác giảm nghèo', []],
  ['\n2.2. Đào tạo nghề', []],
  ['1. Tình hình thực hiện Chương trình công tác', []],
  ['09:42 PM 01/12/2024', []],
  ['24-11-2024 08:01 44', []],
  [
    'Viếng nghĩa trang liệt sĩ (NTLS) Đồi 82 - Tây Ninh nhân kỷ niệm 94 năm ngày thành lập Đảng (03/02/1930-03/02/2024)',
    [],
  ],
  ['Viếng NTLS Trà Võ nhân kỷ niệm 49 năm Ngày giải phóng Tây Ninh (30/4/1975-30/4/2024)', []],
  ['kỷ niệm 79 năm Cách mạng tháng 8 (19/8/1945 - 19/8/2024)', []],
  ['Tập đoàn Bảo việt (đợt 5, đợt 6), tổng kinh phí hỗ trợ 4,5 tỷ đồng', [{ text: '4,5 tỷ đồng' }]],
  ['giáp hạt, thiên tai do cơn bão số 3 từ nguồn dự trữ quốc gia', []],
  ['điều dưỡng được 03 đợt với tổng số 186 đại biểu', [{ text: '03 đợt' }, { text: '186 đại biểu', value: 186 }]],
  ['Sở phối hợp với Trung tâm II - Trực tiếp hỗ trợ trẻ em khuyết tật', []],
  ['ban hành Kế hoạch chuyển đổi số, Kế hoạch triển khai Đề án 06 năm 2024.', []],
  ['nguồn nhân lực của cuộc cách mạng công nghiệp lần thứ 4.', []],
  ['Nghị quyết Đại hội Đảng bộ tỉnh Hà Nam lần thứ XX', []],
  [
    'chúc thọ, mừng thọ người cao tuổi ở tuổi 70, 75, 80, 85, 95 và trên 100 tuổi theo quy định',
    [{ text: '100 tuổi', qualifier: 'trên' }],
  ],
  [
    'tổ chức 8 phiên giao dịch việc làm, trong đó có 05 phiên giao dịch việc làm tại sàn vào thứ 5 hàng tuần, 02 phiên lưu động',
    [{ text: '8 phiên' }, { text: '05 phiên' }, { text: '02 phiên' }],
  ],
  ['Dự thảo chương trình thăm, tặng quà tết Thiếu nhi 1/6 năm 2024.', []],
  ['Trong tháng 4/2024, Sở đã trình UBND tỉnh', []],
  ['tặng quà cho các đối tượng NCC nhân dịp Tết Nguyên đán, lễ 30/4, 27/7, 2/9.', []],
  ['chi trả trợ cấp 1 lần cho 579 lượt đối tượng', [{ text: '579 lượt đối tượng', unit: 'lượt' }]],
  ['Trong 9 tháng: các cơ sở giáo dục nghề nghiệp (GDNN) tuyển sinh được 8.463 người', [{ text: '8.463 người' }]],
  [
    'Bằng khen của Bộ Tư lệnh Quân khu 7 đối với 01 tập thể, 01 cá nhân.',
    [{ text: '01 tập thể' }, { text: '01 cá nhân' }],
  ],
  ['Tiến độ: ngày 04/9/2024, Sở LĐTBXH đã có văn bản về Tết Nguyên đán năm 2025 (lần 1).', []],
  ['Tiếp nhận, giải quyết hồ sơ người có công tháng 04 là 199 hồ sơ', [{ text: '199 hồ sơ' }]],
  ['Tiểu Dự án 1: Phát triển giáo dục nghề nghiệp vùng nghèo', []],
];

describe('parseFigures', () => {
  test.each(NUMBER_FORMATS)('number format and unit: %s', (input, expected) => {
    expect(parseFigures(input)).toMatchObject(expected);
  });
  test.each(PLAN_FIGURES)('achieved over plan: %s', (input, expected) => {
    expect(parseFigures(input)).toMatchObject(expected);
  });
  test.each([
    [
      'Năm 2024, Hà Tĩnh đã giải quyết việc làm cho 23.500 người, tăng 1,6% so với năm 2023, đạt 102,2% kế hoạch.',
      '23.500 người',
      '1,6%',
      '102,2%',
    ],
    [
      'Giải quyết việc làm trong nước 12.140 người, đạt 111,2% so với 2023, đạt 78,3% kế hoạch.',
      '12.140 người',
      '111,2%',
      '78,3%',
    ],
    [
      'Tuyển sinh đào tạo nghề 18.500 người, bằng 103% so với cùng kỳ, đạt 105,7% kế hoạch năm.',
      '18.500 người',
      '103%',
      '105,7%',
    ],
    [
      'Đưa 1.250 lao động đi làm việc ở nước ngoài, giảm 12% so với cùng kỳ năm trước, đạt 62,5% chỉ tiêu.',
      '1.250 lao động',
      '12%',
      '62,5%',
    ],
    ['Tổng thu 1.200 tỷ đồng, tăng 8,4% so với năm 2022, đạt 101% KH.', '1.200 tỷ đồng', '8,4%', '101%'],
  ])('the percent of plan past a comparison, which stays a figure: %s', (input, level, comparison, ofPlan) => {
    const figures = parseFigures(input);
    expect(figures.find((f) => f.text === level)?.percentOfPlanText).toBe(ofPlan);
    expect(figures.map((f) => f.text)).toContain(comparison);
  });
  test.each(CHANGES_AND_RANKS)('change or rank: %s', (input, expected) => {
    expect(parseFigures(input)).toMatchObject(expected);
  });
  test.each(QUALIFIED)('qualifier: %s', (input, expected) => {
    expect(parseFigures(input)).toMatchObject(expected);
  });
  test.each(NOT_FIGURES)('not a figure: %s', (input, expected) => {
    expect(parseFigures(input)).toMatchObject(expected);
  });

  test('offsets point at the verbatim text', () => {
    const text = 'Toàn tỉnh giải quyết việc làm cho 7.000/6.400 người, đạt 109,4% kế hoạch. Tặng 110.412 suất quà.';
    for (const f of parseFigures(text)) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  test('an attached percent of plan is not a figure of its own', () => {
    const texts = parseFigures(
      'Số lao động đi làm việc ở nước ngoài theo hợp đồng là 1.200/700 người, đạt 171,4% kế hoạch.',
    ).map((f) => f.text);
    expect(texts).toEqual(['1.200/700 người']);
  });

  test('a decimal figure is read the Vietnamese way, never as thousands', () => {
    expect(parseFigures('đạt 101,28%')[0]?.value).toBe(101.28);
    expect(parseFigures('cho 23.250 người')[0]?.value).toBe(23250);
  });
});

describe('parseVietnameseNumber', () => {
  test.each([
    ['23.250', 23250],
    ['2,4', 2.4],
    ['1.000.000', 1_000_000],
    ['6481', 6481],
    ['04', 4],
    ['3,5', 3.5],
    ['1.5', 1.5],
    ['291.463,467', 291463.467],
    ['34.451,21', 34451.21],
    ['0,1', 0.1],
    ['1,000,000', 1_000_000],
    ['-1.234,5', -1234.5],
    ['12.34.56', null],
    ['2,4,6', null],
    ['abc', null],
    ['', null],
    ['1.234', 1234],
    ['1,234', 1.234],
    ['1.234.567,89', 1234567.89],
    ['1,234,567', 1_234_567],
    ['1..2', null],
    ['5.', null],
    [',5', null],
    [' 2,4 ', 2.4],
  ] as const)('%s → %s', (input, expected) => {
    expect(parseVietnameseNumber(input)).toBe(expected);
  });
});

describe('formatVietnameseNumber', () => {
  test.each([
    [23250, undefined, '23.250'],
    [2.4, undefined, '2,4'],
    [1_000_000, undefined, '1.000.000'],
    [0.1, undefined, '0,1'],
    [-1234.5, undefined, '-1.234,5'],
    [109.375, 2, '109,38'],
    [101.28, 0, '101'],
  ] as const)('%s (decimals %s) → %s', (n, decimals, expected) => {
    expect(formatVietnameseNumber(n, decimals)).toBe(expected);
  });

  test('formatting then parsing gives the number back', () => {
    const integers = fc.integer({ min: -1e12, max: 1e12 });
    const cents = fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100);
    fc.assert(
      fc.property(fc.oneof(integers, cents), (n) => {
        expect(parseVietnameseNumber(formatVietnameseNumber(n))).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});

describe('workers abroad, however the report words it', () => {
  test.each([
    ['Trong đó, có hơn 5.000 người đi lao động có thời hạn ở nước ngoài, đạt 119,7% kế hoạch.', '5.000 người'],
    ['Làm việc ngoài tỉnh là 2.878 lượt lao động và 1.268 lao động làm việc ở nước ngoài.', '1.268 lao động'],
    ['Năm 2023 tỉnh đưa 2.150 lao động đi làm việc có thời hạn ở nước ngoài theo hợp đồng.', '2.150 lao động'],
    ['Có 640 người ra nước ngoài làm việc trong 6 tháng đầu năm.', '640 người'],
    ['Số lao động có thời hạn ở nước ngoài tăng lên 3.900 người.', '3.900 người'],
  ])('%s', (text, figure) => {
    expect(parseFigures(text).find((f) => f.text === figure)?.indicator).toBe('xuat_khau_lao_dong');
  });
});
