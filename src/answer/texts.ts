export type Lang = 'vi' | 'en';

/** Every fixed phrase of a reply, in both languages. No digits here: numbers come from reports only. */
export const TEXTS = {
  vi: {
    sources: 'Nguồn',
    passage: 'đoạn',
    unknownProvince: 'không rõ tỉnh',
    unknownPeriod: 'không rõ kỳ',
    quoteIntro: 'Báo cáo viết',
    planPercent: 'đạt',
    ofPlan: 'kế hoạch',
    verdict: {
      match: '✅ Đúng với báo cáo.',
      mismatch: '❌ Không khớp với báo cáo.',
      not_found: '❔ Không tìm thấy số liệu để đối chiếu.',
    },
    claimSaid: 'Câu hỏi nêu',
    reportSays: 'Báo cáo ghi',
    difference: 'Chênh lệch',
    tolerance: 'Sai lệch cho phép với “gần/khoảng”',
    targetNote: 'Con số trong câu hỏi là chỉ tiêu kế hoạch, không phải kết quả đạt được.',
    notFoundDetail: 'Báo cáo của tỉnh và kỳ này không có số liệu về chỉ tiêu đó.',
    noPeriod: 'Không có báo cáo của tỉnh này cho kỳ được hỏi.',
    noPeriodOf: (names: string) =>
      `Chưa có báo cáo của ${names} cho kỳ được hỏi; các báo cáo hiện có của tỉnh được liệt kê dưới đây.`,
    compareTitle: (label: string) => `So sánh ${label}:`,
    compareMissing: (names: string) => `Không có số liệu: ${names}.`,
    periodsDiffer:
      'Lưu ý: các báo cáo không cùng kỳ (kỳ của từng báo cáo ghi ở phần Nguồn), nên số liệu không hoàn toàn so sánh được.',
    lowest: 'thấp nhất',
    cumulative: 'lũy kế từ đầu năm',
    highest: 'cao nhất',
    noProvince: (names: string) => `Chưa có báo cáo nào của ${names}.`,
    available: 'Các báo cáo hiện có',
    noTopic: 'Các báo cáo hiện có không đề cập đến nội dung này.',
    noTopicIn: (names: string) => `Báo cáo của ${names} không có số liệu về nội dung này.`,
    mergedNote: (asked: string, held: string) =>
      `${asked} hiện nay gồm cả ${held} (sáp nhập tỉnh); số liệu dưới đây lấy từ báo cáo của ${held}.`,
    offTopic:
      'Tôi trả lời câu hỏi về kết quả công tác lao động, người có công và xã hội của các tỉnh (hộ nghèo, việc làm, đào tạo nghề, bảo hiểm, người có công, bảo trợ xã hội, trẻ em, cai nghiện), kèm nguồn trích dẫn từ báo cáo. Hãy hỏi, ví dụ: “Tỷ lệ hộ nghèo Hà Nam?”',
    compareNeedsIndicator: 'Hãy nói rõ chỉ tiêu cần so sánh, ví dụ: “so sánh tỷ lệ hộ nghèo giữa các tỉnh”.',
    reference: 'Văn bản',
  },
  en: {
    sources: 'Sources',
    passage: 'passage',
    unknownProvince: 'province unknown',
    unknownPeriod: 'period unknown',
    quoteIntro: 'The report says',
    planPercent: 'reaching',
    ofPlan: 'of plan',
    verdict: {
      match: '✅ Matches the report.',
      mismatch: '❌ Does not match the report.',
      not_found: '❔ No figure found to check this against.',
    },
    claimSaid: 'The claim says',
    reportSays: 'The report says',
    difference: 'Difference',
    tolerance: 'Tolerance for “about/nearly”',
    targetNote: 'The number in the claim is the plan target, not the result achieved.',
    notFoundDetail: 'The report for that province and period has no figure for this indicator.',
    noPeriod: 'There is no report of this province for the period asked.',
    noPeriodOf: (names: string) =>
      `There is no report of ${names} for the period asked; the province's reports held are listed below.`,
    compareTitle: (label: string) => `Comparison of ${label}:`,
    compareMissing: (names: string) => `No figure for: ${names}.`,
    periodsDiffer:
      "Note: the reports cover different periods (each report's period is in the sources), so the figures are not fully comparable.",
    lowest: 'lowest',
    cumulative: 'year to date',
    highest: 'highest',
    noProvince: (names: string) => `There is no report for ${names}.`,
    available: 'Reports held',
    noTopic: 'The reports held do not cover this topic.',
    noTopicIn: (names: string) => `The report of ${names} has no figure on this.`,
    mergedNote: (asked: string, held: string) =>
      `${asked} now includes ${held} (provinces merged); the figures below come from ${held}'s report.`,
    offTopic:
      'I answer questions about provincial results in labour, people with meritorious services and social affairs (poverty, jobs, vocational training, insurance, social protection, children, drug rehabilitation), citing the reports. Try: “What is the poverty rate of Ha Nam?”',
    compareNeedsIndicator: 'Please name the indicator to compare, e.g. “compare the poverty rate across provinces”.',
    reference: 'Document',
  },
} as const;
