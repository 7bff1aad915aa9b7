import type { UiLang } from './context.js';

/** Longest question accepted; longer text is usually a pasted document, not a question. */
export const MAX_QUESTION_CHARS = 1000;

/** The bot's own words in both languages. Plain text: callers escape where HTML is sent. */
const TEXTS = {
  vi: {
    start:
      'Xin chào! Tôi trả lời câu hỏi về báo cáo của ngành Lao động – Thương binh và Xã hội các tỉnh. ' +
      'Mỗi con số đều trích từ báo cáo và ghi rõ nguồn.',
    helpIntro: 'Hãy hỏi về một chỉ tiêu, một tỉnh và một kỳ báo cáo. Ví dụ:',
    helpCommands: [
      '/nguon: các báo cáo đang có',
      '/kiemtra <nhận định>: kiểm tra một con số',
      '/sosanh <chỉ tiêu>: so sánh giữa các tỉnh',
      '/about: giới thiệu',
    ].join('\n'),
    helpGroup: (bot: string) => `Trong nhóm, hãy nhắc @${bot} hoặc trả lời tin nhắn của tôi.`,
    about: (reports: number, mode: string) =>
      `Bot tra cứu báo cáo ngành Lao động – Thương binh và Xã hội. Đang có ${reports} báo cáo; ` +
      `tìm kiếm: ${mode === 'hybrid' ? 'từ khóa và ngữ nghĩa' : 'từ khóa'}. ` +
      'Bot chỉ trích dẫn số liệu có trong báo cáo; nếu không tìm thấy, bot sẽ nói rõ.',
    oddInput: 'Tôi chỉ đọc được câu hỏi bằng chữ. Gõ /help để xem ví dụ.',
    tooLong: (max: number) => `Câu hỏi dài quá. Xin rút gọn dưới ${max} ký tự.`,
    needClaim: 'Hãy ghi nhận định cần kiểm tra, ví dụ: /kiemtra Hà Nam có 5.915 hộ nghèo năm 2023',
    needIndicator: 'Hãy ghi chỉ tiêu cần so sánh, ví dụ: /sosanh tỷ lệ hộ nghèo',
    refused: 'Xin lỗi, bot này chỉ phục vụ một số cuộc trò chuyện được cho phép.',
    flood: 'Bạn gửi hơi nhanh. Xin chờ một phút rồi hỏi tiếp nhé.',
    apology: 'Xin lỗi, có lỗi khi xử lý yêu cầu này. Vui lòng thử lại sau ít phút.',
    expired: 'Câu trả lời này đã cũ. Xin hỏi lại.',
    noMore: 'Không còn kết quả nào khác.',
    more: 'Kết quả khác',
    thanks: 'Cảm ơn góp ý của bạn!',
    voted: 'Bạn đã góp ý cho câu trả lời này.',
    noSources: 'Chưa có báo cáo nào.',
    sourcesTitle: (n: number) => `Đang có ${n} báo cáo:`,
    figures: 'số liệu',
    adminOnly: 'Lệnh này chỉ dành cho quản trị viên.',
    fileRefused: 'Xin lỗi, chỉ quản trị viên mới gửi được báo cáo.',
    fileType: 'Chỉ nhận báo cáo dạng .txt, .md hoặc .html.',
    fileTooBig: (mb: number) => `Tệp lớn quá: tối đa ${mb} MB.`,
    reloaded: (n: number) => `Đã nạp lại: ${n} báo cáo.`,
  },
  en: {
    start:
      "Hello! I answer questions about the provinces' Labour, Invalids and Social Affairs reports. " +
      'Every figure is quoted from a report, with its source.',
    helpIntro: 'Ask about an indicator, a province and a period. For example:',
    helpCommands: [
      '/nguon: reports held',
      '/kiemtra <claim>: check a figure',
      '/sosanh <indicator>: compare provinces',
      '/about: about this bot',
    ].join('\n'),
    helpGroup: (bot: string) => `In groups, mention @${bot} or reply to my message.`,
    about: (reports: number, mode: string) =>
      `A search bot over Labour, Invalids and Social Affairs reports. ${reports} reports held; ` +
      `search: ${mode === 'hybrid' ? 'keywords and meaning' : 'keywords'}. ` +
      'It only quotes figures found in the reports, and says so when it finds none.',
    oddInput: 'I can only read questions written as text. Send /help for examples.',
    tooLong: (max: number) => `That question is too long. Please keep it under ${max} characters.`,
    needClaim: 'Add the claim to check, e.g. /kiemtra Hà Nam có 5.915 hộ nghèo năm 2023',
    needIndicator: 'Add the indicator to compare, e.g. /sosanh tỷ lệ hộ nghèo',
    refused: 'Sorry, this bot only serves a few approved chats.',
    flood: 'You are sending messages a bit fast. Please wait a minute, then ask again.',
    apology: 'Sorry, something went wrong with this request. Please try again in a few minutes.',
    expired: 'This answer is too old. Please ask again.',
    noMore: 'No other results.',
    more: 'More results',
    thanks: 'Thank you for the feedback!',
    voted: 'You already rated this answer.',
    noSources: 'No reports held yet.',
    sourcesTitle: (n: number) => `${n} reports held:`,
    figures: 'figures',
    adminOnly: 'This command is for administrators only.',
    fileRefused: 'Sorry, only administrators may send reports.',
    fileType: 'Reports must be .txt, .md or .html files.',
    fileTooBig: (mb: number) => `That file is too large: ${mb} MB at most.`,
    reloaded: (n: number) => `Reloaded: ${n} reports.`,
  },
} as const;

export type Texts = (typeof TEXTS)[UiLang];

export function texts(lang: UiLang): Texts {
  return TEXTS[lang];
}
