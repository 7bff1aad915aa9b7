import type { IngestErrorReason } from '../ingest/errors.js';
import { FORMAT_LIST } from '../ingest/convert/registry.js';
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
    openChat: 'Mở cuộc trò chuyện với bot và hỏi lại để xem nguồn.',
    more: 'Kết quả khác',
    thanks: 'Cảm ơn góp ý của bạn!',
    voted: 'Bạn đã góp ý cho câu trả lời này.',
    noSources: 'Chưa có báo cáo nào.',
    sourcesTitle: (n: number) => `Đang có ${n} báo cáo:`,
    figures: 'số liệu',
    adminOnly: 'Lệnh này chỉ dành cho quản trị viên.',
    fileRefused: 'Xin lỗi, chỉ quản trị viên mới gửi được báo cáo.',
    fileType: (mb: number) => `Chỉ nhận báo cáo dạng ${FORMAT_LIST}, tối đa ${mb} MB.`,
    fileTooBig: (mb: number) => `Tệp lớn quá: tối đa ${mb} MB.`,
    fileRejected: (file: string, reason: IngestErrorReason, mb: number) =>
      `Không nhận tệp ${file}: ${REJECTED_VI[reason](mb)} Các báo cáo đã có vẫn giữ nguyên.`,
    ingestBusy: 'Một lượt nạp báo cáo khác đang chạy nên báo cáo này chưa được nạp. Vui lòng gửi lại sau ít phút.',
    fileName: (name: string) =>
      `Tên tệp “${name}” không dùng được: cần có chữ hoặc số trước phần đuôi (${FORMAT_LIST}). Xin đổi tên rồi gửi lại.`,
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
    openChat: 'Open a chat with the bot and ask there to see the sources.',
    more: 'More results',
    thanks: 'Thank you for the feedback!',
    voted: 'You already rated this answer.',
    noSources: 'No reports held yet.',
    sourcesTitle: (n: number) => `${n} reports held:`,
    figures: 'figures',
    adminOnly: 'This command is for administrators only.',
    fileRefused: 'Sorry, only administrators may send reports.',
    fileType: (mb: number) => `Reports must be ${FORMAT_LIST} files of ${mb} MB at most.`,
    fileTooBig: (mb: number) => `That file is too large: ${mb} MB at most.`,
    fileRejected: (file: string, reason: IngestErrorReason, mb: number) =>
      `${file} was not accepted: ${REJECTED_EN[reason](mb)} The reports already held are unchanged.`,
    ingestBusy: 'Another ingest is running, so this report was not ingested. Please send it again in a few minutes.',
    fileName: (name: string) =>
      `The file name “${name}” cannot be used: it needs letters or digits before the extension (${FORMAT_LIST}). Please rename it and send it again.`,
    reloaded: (n: number) => `Reloaded: ${n} reports.`,
  },
} as const;

/** Why an upload was refused, and what to do about it. */
const REJECTED_VI: Record<IngestErrorReason, (mb: number) => string> = {
  empty: () => 'tệp rỗng.',
  binary: () => 'tệp không phải văn bản.',
  too_large: (mb) => `tệp lớn quá, tối đa ${mb} MB.`,
  unreadable: () => 'không đọc được tệp.',
  encoding: () => 'tệp có lỗi mã hóa ký tự; hãy lưu lại dạng UTF-8.',
  unsupported: (mb) => `chỉ nhận ${FORMAT_LIST}, tối đa ${mb} MB.`,
  malformed: () => 'tệp bị hỏng hoặc không đúng định dạng Word/PDF; hãy lưu lại rồi gửi lại.',
  zip_bomb: () => 'tệp Word giải nén ra quá lớn (có thể là bom nén).',
  no_text: () => 'PDF không có lớp chữ (bản quét); cần nhận dạng chữ (OCR) trước khi gửi.',
};

const REJECTED_EN: Record<IngestErrorReason, (mb: number) => string> = {
  empty: () => 'the file is empty.',
  binary: () => 'the file is not text.',
  too_large: (mb) => `the file is too large, ${mb} MB at most.`,
  unreadable: () => 'the file could not be read.',
  encoding: () => 'the text encoding is broken; save it as UTF-8.',
  unsupported: (mb) => `reports must be ${FORMAT_LIST} files of ${mb} MB at most.`,
  malformed: () => 'the file is damaged or not a valid Word or PDF file; save it again and resend it.',
  zip_bomb: () => 'the Word file unpacks to far too much (a possible zip bomb).',
  no_text: () => 'the PDF has no text layer (a scan); run OCR on it first.',
};

export type Texts = (typeof TEXTS)[UiLang];

export function texts(lang: UiLang): Texts {
  return TEXTS[lang];
}
