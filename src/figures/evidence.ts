import { parsePeriodQuery } from '../ingest/period.js';
import { fold } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { Figure, FigureEvidence, FigureRole, FigureStatus } from './types.js';

/**
 * What a figure is, read from the words around it once, at ingest: the clause
 * that says what it counts, the subject it carries on from (`X còn A, giảm B`:
 * B is about X), its own period when the clause names one, whether it is a
 * result, a plan, a forecast or a running total, and its role (a level, a
 * change, a percent of plan, a ratio to an earlier period, a share).
 */

/** Hard stops for a figure's clause: the clause ends at these. */
const CLAUSE_STOP = /[;\n]|\.\s|\(\s*\d|\)/g;
const MAX_CONTEXT_CHARS = 160;

export interface FigureWindow {
  /** Text between the previous clause stop (or figure) and this figure. */
  before: string;
  /** Text between this figure and the next clause stop (or figure). */
  after: string;
}

/**
 * The words a figure belongs to: back to the previous figure or clause stop,
 * forward to the next one. In `giải quyết việc làm cho 23.250 người lao động,
 * trong đó có 2.749 người lao động đi làm việc ở nước ngoài`, 23.250 gets
 * `giải quyết việc làm cho` and 2.749 gets `trong đó có … nước ngoài`.
 */
export function figureWindow(text: string, figures: readonly Figure[], index: number): FigureWindow {
  const figure = figures[index]!;
  const prevEnd = index > 0 ? figures[index - 1]!.end : 0;
  const nextStart = index + 1 < figures.length ? figures[index + 1]!.start : text.length;
  let from = Math.max(prevEnd, figure.start - MAX_CONTEXT_CHARS, 0);
  let segment = text.slice(from, figure.start);
  let lastStop = -1;
  for (const m of segment.matchAll(CLAUSE_STOP)) lastStop = m.index! + m[0].length;
  // `Cai nghiện tự nguyện: 669 người` — a label before a colon belongs to the figure after it.
  if (lastStop >= 0) from += lastStop;
  segment = text.slice(from, figure.start);
  let to = Math.min(nextStart, figure.end + MAX_CONTEXT_CHARS, text.length);
  const tail = text.slice(figure.end, to);
  const stop = tail.search(/[;\n]|\.\s|\(/);
  if (stop >= 0) to = figure.end + stop;
  return { before: segment, after: text.slice(figure.end, to) };
}

/** Folded words, space-separated and space-padded, for ` term ` lookups. */
export function folded(text: string): string {
  return ` ${fold(text)
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim()} `;
}

/** `đạt 98,7% kế hoạch` inside a label is another figure's percent of plan, not a plan word of this one. */
const PERCENT_OF_PLAN_MENTION =
  /\b\d+( \d+)?% (so voi )?(chi tieu |muc tieu )?(ke hoach|kh|chi tieu|muc tieu)( nam)?\b/g;
/** `một số chỉ tiêu cơ bản như`: `chỉ tiêu` in the sense of an indicator, not a target. */
const INDICATOR_SENSE =
  /\b(cac|mot so|nhom|he thong|nhung) chi tieu\b|\bchi tieu (co ban|chu yeu|kinh te|xa hoi|thong ke)\b/g;
/** A plan word counts when it stands among the last words before the figure. */
const PLAN_WORD_REACH = 10;
/** A sentence that opens on a plan word speaks of plans throughout (`Kế hoạch năm 2025: …`). */
const PLAN_OPENING = /^ (ke hoach|muc tieu|chi tieu|phan dau|phuong huong|nhiem vu)\b/;

/** Words that make the figure's clause a plan or target (folded). `KH 3.000` too. */
const PLAN_IN_LABEL = /\b(ke hoach|kh|muc tieu|chi tieu|phan dau|dat ra|de ra|duoc giao|giao chi tieu|target|plan)\b/;
/** Plans said as the future: `sẽ`, `thời gian tới` (`tiếp tục duy trì` is ongoing work, not a plan). */
const FUTURE_IN_SENTENCE = /\b(phan dau|se|thoi gian toi|nam toi|sap toi|giai doan toi|dat muc tieu)\b/;
const FORECAST_IN_LABEL = /\b(du kien|uoc|uoc tinh|uoc thuc hien|uoc dat|du bao)\b/;
const CUMULATIVE_IN_LABEL = /\b(luy ke|cong don|tu dau nam den nay|tinh den nay|tinh tu dau)\b/;
/** Right after a percent: it measures the plan reached (`đạt 102,2% kế hoạch`). */
const PLAN_AFTER = /^ (so voi )?(chi tieu |muc tieu )?(ke hoach|kh|chi tieu|muc tieu)\b/;
/** Right after a percent: a ratio to an earlier period (`bằng 95,3% so với cùng kỳ`). */
const BASELINE_AFTER = /^ (so voi|so cung ki|cung ki|over|compared)\b/;
const SHARE_BEFORE = /\b(chiem|bang|tuong duong)\s*$/;
const NATIONAL = /\b(ca nuoc|toan quoc|binh quan chung|trung binh ca nuoc)\b/;
/** A period mention that is a baseline (`so với năm 2023`, `cùng kỳ năm 2024`), not the figure's own. */
const BASELINE_BEFORE_PERIOD =
  /\b(so voi|cung ki|hon|truoc)( cung ki| chi tieu| ke hoach| kh| muc tieu)*( cuoi| dau)?( nam| thang| quy)?\s*$/;
/**
 * What may stand before a period that opens a sentence: `Trong năm 2024,`, `Năm 2024,`, `Riêng tháng 5`,
 * `Từ đầu năm đến 30/6/2024,`, `Ước tính đến 30/9/2023,`, `Lũy kế từ đầu năm đến hết tháng 8/2023,`.
 */
const OPENING_WORDS =
  /^\s*(trong|rieng|den|tinh|tinh den|ket qua|uoc|uoc tinh|luy ke|tinh chung)?\s*(tu dau nam nay|tu dau nam|tu dau)?\s*$/;
/** How far into a sentence its opening period may stand. */
const OPENING_SPAN = 40;

/** Words that carry no subject of their own: a figure whose clause has only these continues the one before it. */
const CARRY_WORDS = new Set(
  (
    'giam tang con dat chiem bang tuong duong voi so cung ki nam truoc va trong do co la len xuong tu muc ' +
    'tuong ung nguoi ho hon gan tren duoi khoang ke hoach kh nang tong cong lan luot rieng toi den xap xi'
  ).split(' '),
);

export interface EvidenceContext {
  /** The year of the report, for plans after it. */
  reportYear: number | null;
  /** The text of the passage's paragraph before it, when a paragraph runs over several passages. */
  lead?: string;
}

/** Evidence of every figure of one passage text (figures in text order, offsets into `text`). */
export function figureEvidence(text: string, figures: readonly Figure[], ctx: EvidenceContext): FigureEvidence[] {
  const sentences = splitSentences(text);
  const out: FigureEvidence[] = [];
  figures.forEach((figure, index) => {
    const window = figureWindow(text, figures, index);
    const sentenceIndex = sentences.findIndex((s) => s.start <= figure.start && s.end >= figure.end);
    const sentence = sentences[sentenceIndex] ?? { start: 0, end: text.length };
    const head = folded(text.slice(sentence.start, figure.start));
    const unitWords = figure.unitText && !/^[\d.,\s]*$/.test(figure.unitText) ? figure.unitText : '';
    const label = folded(`${window.before} ${unitWords}`);
    const after = folded(window.after);
    const prev = out[out.length - 1];
    const sameSentence = prev !== undefined && prev.sentence === sentenceIndex;
    const ownWords = label.split(' ').filter((w) => w && !CARRY_WORDS.has(w) && !/^[\d%]/.test(w));
    const subject = sameSentence && ownWords.length === 0 ? `${prev.label}${prev.subject}`.replace(/\s+/g, ' ') : ' ';
    const ownPeriod = periodOf(text, figure, window, sentence, ctx.lead ?? '');
    out.push({
      label,
      after,
      subject,
      sentence: sentenceIndex,
      period: ownPeriod.key,
      baseline: ownPeriod.baseline,
      status: statusOf(figure, label, after, head, ownPeriod.key, ctx),
      role: roleOf(figure, label, after),
      national: NATIONAL.test(label),
    });
  });
  return out;
}

function statusOf(
  figure: Figure,
  label: string,
  after: string,
  head: string,
  period: string | null,
  ctx: EvidenceContext,
): FigureStatus {
  const percentOfPlan = figure.kind === 'percent' && PLAN_AFTER.test(after);
  // The figure's own clause: after the last comma, other figures' `đạt X% kế hoạch` left out.
  const clause = ` ${label
    .replace(PERCENT_OF_PLAN_MENTION, ' ')
    .replace(INDICATOR_SENSE, ' ')
    .split(/ (?=(?:trong do|dong thoi|ngoai ra)\b)/)
    .pop()!
    .trim()
    .split(' ')
    .slice(-PLAN_WORD_REACH)
    .join(' ')} `;
  // A result written with its plan (`21.530/41.500 người`) is a result.
  const result = figure.kind === 'achieved_over_plan' || percentOfPlan;
  // The figure's own clause decides first; the sentence only when the clause says nothing.
  if (!result && PLAN_IN_LABEL.test(clause)) return 'plan';
  if (FORECAST_IN_LABEL.test(clause)) return 'forecast';
  if (CUMULATIVE_IN_LABEL.test(clause)) return 'cumulative';
  if (!result && PLAN_OPENING.test(head)) return 'plan';
  if (FORECAST_IN_LABEL.test(head)) return 'forecast';
  if (CUMULATIVE_IN_LABEL.test(head)) return 'cumulative';
  if (!result && FUTURE_IN_SENTENCE.test(head) && !/\b(da|duoc)\b/.test(label)) return 'plan';
  const year = period ? Number(period.slice(-4)) : null;
  if (year && ctx.reportYear && year > ctx.reportYear) return 'plan';
  return 'result';
}

/** A percent right after `giảm`, `tăng`, `bình quân`, or followed by `/năm`, is a rate of change. */
const CHANGE_BEFORE =
  /\b(giam|tang|binh quan|moi nam|vuot|cao hon|thap hon)( nhanh| manh| them| duoc)?( binh quan)?( moi nam)?( toi| den| hon| gan| khoang| xap xi)?\s*$/;

function roleOf(figure: Figure, label: string, after: string): FigureRole {
  if (figure.kind === 'change' && figure.from === undefined) return 'change';
  if (figure.kind === 'percent' || figure.unit === '%') {
    if (figure.percentOfPlan === undefined && PLAN_AFTER.test(after)) return 'plan_percent';
    // `giảm tới 32,9% so với cùng kỳ`, `bình quân 4,78%/năm`: a rate of change, whatever it is measured against.
    if (CHANGE_BEFORE.test(label.replace(/ %\s*$/, ' ').trimEnd()) || /^ nam\b(?! \d)/.test(after)) return 'change';
    if (BASELINE_AFTER.test(after)) return 'baseline_ratio';
    if (SHARE_BEFORE.test(label.replace(/ %\s*$/, ' ').trimEnd())) return 'share';
  }
  return 'level';
}

/**
 * The period the clause names for the figure: right after it (`47% năm 2020`,
 * `0,44% (1.794 hộ) cuối năm 2024`), else before it in its clause (`Năm 2024, …
 * 23.500 người`), else later in its clause (`80.000 lao động … giai đoạn
 * 2026-2030`), else earlier in its sentence. A mention after `so với` /
 * `cùng kỳ` is a baseline, not the figure's own period.
 */
function periodOf(
  text: string,
  figure: Figure,
  window: FigureWindow,
  sentence: { start: number; end: number },
  lead: string,
): { key: string | null; baseline: boolean } {
  // Parenthesised asides (`(tương đương 10.368 hộ)`) stand between a figure and its period.
  const afterText = text
    .slice(figure.end, sentence.end)
    .replace(/\([^()]*\)/g, '')
    .slice(0, 40);
  const own = (hit: { at: number }, source: string) => !BASELINE_BEFORE_PERIOD.test(folded(source.slice(0, hit.at)));
  const afterHits = periodsIn(afterText);
  const immediate = afterHits[0];
  if (immediate && immediate.at < 12 && own(immediate, afterText)) return { key: immediate.key, baseline: false };
  const baseline = afterHits.some((h) => !own(h, afterText));
  const inLabel = periodsIn(window.before).filter((h) => own(h, window.before));
  if (inLabel.length > 0) return { key: inLabel[inLabel.length - 1]!.key, baseline };
  const laterInClause = periodsIn(window.after).find((h) => own(h, window.after));
  if (laterInClause) return { key: laterInClause.key, baseline };
  const before = text.slice(sentence.start, figure.start);
  const inSentence = periodsIn(before).filter((h) => own(h, before));
  if (inSentence.length > 0) return { key: inSentence[inSentence.length - 1]!.key, baseline };
  // No period in the sentence: the last one named earlier in its paragraph (`Trong năm 2024, … . Tiếp tục … 800 người`).
  // Only a sentence that opens on a period names the span for those after it; a mention in passing does not.
  const paragraphStart = text.lastIndexOf('\n', sentence.start - 1) + 1;
  const paragraph = `${paragraphStart === 0 ? lead : ''}${text.slice(paragraphStart, sentence.start)}`;
  const openings = splitSentences(paragraph)
    .map((span) => paragraph.slice(span.start, Math.min(span.end, span.start + OPENING_SPAN)))
    .flatMap((head) => periodsIn(head).filter((h) => OPENING_WORDS.test(folded(head.slice(0, h.at)))));
  if (openings.length > 0) return { key: openings[openings.length - 1]!.key, baseline };
  // `trong giai đoạn này`: the span named last before, in the passage.
  if (/\b(giai doan|thoi ki|nhiem ki) (nay|tren|do)\b/.test(folded(`${window.before} ${window.after}`))) {
    const earlier = periodsIn(text.slice(0, sentence.start)).filter((h) => /^\d{4}-\d{4}$/.test(h.key));
    if (earlier.length > 0) return { key: earlier[earlier.length - 1]!.key, baseline };
  }
  return { key: null, baseline };
}

const PERIOD_MENTION =
  /(giai đoạn\s*)?(19|20)\d{2}\s*[-–—]\s*(19|20)\d{2}|(quý\s*(I{1,3}|IV|[1-4])\s*(\/|năm)?\s*)?(19|20)\d{2}|\d{1,2}\s*tháng(\s*đầu)?\s*năm\s*(19|20)\d{2}|tháng\s*\d{1,2}\s*(\/|năm)\s*(19|20)\d{2}|năm\s*(19|20)\d{2}/giu;
/** `đến 30/6/2024`, `tính đến hết tháng 8/2023`: the year so far, to that month. */
const TO_DATE =
  /(?:đến|tới)\s*(?:hết\s*|cuối\s*)?(?:ngày\s*)?(?:(\d{1,2})\s*\/\s*)?(?:tháng\s*)?(\d{1,2})\s*(?:\/|năm)\s*((?:19|20)\d{2})/giu;

/** Every mention above names a year: most texts looked at name none, and skip both scans. */
const YEAR_DIGITS = /(?:19|20)\d\d/;

function periodsIn(text: string): { key: string; at: number }[] {
  const hits: { key: string; at: number }[] = [];
  if (!YEAR_DIGITS.test(text)) return hits;
  for (const m of text.matchAll(TO_DATE)) {
    const month = Number(m[2]);
    const key =
      month === 12 ? m[3]! : month === 1 ? `${m[3]}-01` : month > 1 && month < 12 ? `${m[3]}-${month}m` : null;
    if (key) hits.push({ key, at: m.index! });
  }
  for (const m of text.matchAll(PERIOD_MENTION)) {
    if (hits.some((h) => h.at <= m.index! && m.index! < h.at + 30)) continue;
    // `ngày 11/12/2019` and document numbers (`27/2019/NQ-HĐND`) are dates, not periods.
    const before = text.slice(Math.max(0, m.index! - 6), m.index!);
    if (/\d\s*\/\s*$/.test(before) || /^\s*\/\s*[A-ZĐ]/u.test(text.slice(m.index! + m[0].length))) continue;
    const q = parsePeriodQuery(m[0]);
    if (q.key) hits.push({ key: q.key, at: m.index! });
  }
  return hits.sort((a, b) => a.at - b.at);
}
