import { splitSentences } from '../text/sentences.js';
import { foldWithOffsets } from '../ingest/provinces.js';
import { fold } from '../text/normalize.js';
import { CitationList } from './citations.js';
import type { ComposeContext, Draft } from './draft.js';
import { passageFullText } from './figureContext.js';
import { TEXTS } from './texts.js';

/**
 * Questions whose answer is a name, not a number: `dự án nào`, `kế hoạch gì`,
 * `trường nào`, `tới năm nào`, `trong giai đoạn nào`, `sớm mấy năm`. The
 * answer is the span of the report's best-matching sentence that names it,
 * verbatim, with the sentence quoted and cited.
 */
export type NameSlot =
  | { kind: 'period' }
  | { kind: 'duration' }
  /** `dự án nào`: the span that starts at a word of this type in the sentence. */
  | { kind: 'named'; type: string };

/** The kinds of thing a question names before `nào`/`gì` (folded), with how the reports write them. */
const NAMED_TYPES: ReadonlyArray<readonly [folded: string, pattern: string]> = [
  ['tieu du an', 'tiểu dự án'],
  ['du an', 'dự án'],
  ['de an', 'đề án'],
  ['chuong trinh', 'chương trình'],
  ['ke hoach', 'kế hoạch'],
  ['nghi quyet', 'nghị quyết'],
  ['nghi dinh', 'nghị định'],
  ['quyet dinh', 'quyết định'],
  ['chi thi', 'chỉ thị'],
  ['thong tu', 'thông tư'],
  ['van ban', 'văn bản'],
  ['mo hinh', 'mô hình'],
  ['phong trao', 'phong trào'],
  ['cuoc van dong', 'cuộc vận động'],
  ['truong', 'trường'],
  ['trung tam', 'trung tâm'],
  ['benh vien', 'bệnh viện'],
  ['thi truong', 'thị trường'],
  ['nganh nghe', 'ngành nghề'],
  ['nghe', 'nghề'],
];

const TYPE_ALTERNATION = NAMED_TYPES.map(([f]) => f).join('|');
/** `dự án nào`, `kế hoạch gì`, `theo nghị quyết nào của HĐND` (folded). */
const NAMED_SLOT = new RegExp(`\\b(${TYPE_ALTERNATION})( [a-z]+){0,3}? (nao|gi)\\b`, 'g');
const EN_NAMED_SLOT =
  /\b(which|what) (project|programme|program|plan|resolution|decree|decision|school|scheme|market)\b/g;
const EN_TYPE: Readonly<Record<string, string>> = {
  project: 'du an',
  programme: 'chuong trinh',
  program: 'chuong trinh',
  plan: 'ke hoach',
  resolution: 'nghi quyet',
  decree: 'nghi dinh',
  decision: 'quyet dinh',
  school: 'truong',
  scheme: 'de an',
  market: 'thi truong',
};
const PERIOD_SLOT =
  /\b(nam nao|giai doan nao|thoi gian nao|thoi diem nao|khi nao|bao gio|luc nao|which year|what year|when|by when)\b/;
const SUPERLATIVE = /\b(cao nhat|thap nhat|nhieu nhat|it nhat|lon nhat|nho nhat|highest|lowest|most|fewest)\b/;
/** `sớm mấy năm`; not `bao nhiêu năm 2024`, which asks a number of that year. */
const DURATION_SLOT = /\b(may|bao nhieu) (nam|thang)\b(?! \d)|\bhow many (years|months)\b/;

/** The names a question asks for, in the order it asks; empty when it asks none. */
export function askedNames(question: string): NameSlot[] {
  const f = fold(question);
  const slots: { at: number; slot: NameSlot }[] = [];
  for (const m of f.matchAll(NAMED_SLOT)) slots.push({ at: m.index!, slot: { kind: 'named', type: m[1]! } });
  for (const m of f.matchAll(EN_NAMED_SLOT))
    slots.push({ at: m.index!, slot: { kind: 'named', type: EN_TYPE[m[2]!]! } });
  // `năm nào … cao nhất` compares years: no one sentence names the answer.
  const period = SUPERLATIVE.test(f) ? null : PERIOD_SLOT.exec(f);
  if (period) slots.push({ at: period.index, slot: { kind: 'period' } });
  const duration = DURATION_SLOT.exec(f);
  if (duration) slots.push({ at: duration.index, slot: { kind: 'duration' } });
  return slots.sort((a, b) => a.at - b.at).map((s) => s.slot);
}

/** A period as the reports write it: `giai đoạn 2023 - 2025`, `năm 2025`, `tháng 5/2021`, `2021-2025`. */
const PERIOD_SPAN =
  /(?:giai đoạn\s*)?(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}|(?:hết\s*)?năm\s*(?:19|20)\d{2}|tháng\s*\d{1,2}\s*\/\s*(?:19|20)\d{2}|quý\s*[IV\d]+\s*\/\s*(?:19|20)\d{2}/giu;
const DURATION_SPAN = /(?<![\d.,])\d{1,2}\s*(?:năm|tháng)(?!\s*(?:19|20)\d{2})/giu;
/** Where a named span ends: a clause break, or the words that start what is said about it. */
const SPAN_END = /[,;:.()]|\s(?:và|nhằm|để|với|cho|đã|được|sẽ|là|đạt|trở thành|thì)\s/u;

interface Found {
  text: string;
  /** Offset in the passage text, for ordering and quoting. */
  at: number;
}

/** The span of `sentence` that answers `slot`, or null. */
function spanFor(slot: NameSlot, sentence: string): Found | null {
  if (slot.kind === 'period') return firstMatch(PERIOD_SPAN, sentence);
  if (slot.kind === 'duration') return firstMatch(DURATION_SPAN, sentence);
  const { folded, toOriginal } = foldWithOffsets(sentence);
  const m = new RegExp(`\\b${slot.type}\\b`).exec(folded);
  if (!m) return null;
  const start = toOriginal(m.index);
  const rest = sentence.slice(start + slot.type.length);
  // The name runs to the clause's end; a bare type word with nothing after it names nothing.
  const end = rest.search(SPAN_END);
  const text = (end < 0 ? sentence.slice(start) : sentence.slice(start, start + slot.type.length + end)).trim();
  const words = text.split(/\s+/);
  if (words.length <= slot.type.split(' ').length) return null;
  return { text: words.slice(0, MAX_NAME_WORDS).join(' ') + (words.length > MAX_NAME_WORDS ? ' …' : ''), at: start };
}

function firstMatch(re: RegExp, text: string): Found | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? { text: m[0].trim(), at: m.index } : null;
}

/**
 * How much of the question the sentence says: the rarity-weighted share of its
 * words, and of its adjacent word pairs (`không còn hộ nghèo` is more than its words).
 */
function wordsFound(ctx: ComposeContext, sentence: string): number {
  const words = ` ${fold(sentence).replace(/[^a-z0-9]+/g, ' ')} `;
  // Pairs of all the question's words, common ones too: `không còn hộ nghèo` is not `còn hộ nghèo`.
  const asked = fold(ctx.query.searchText)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const pairs = [...new Set(asked.slice(1).map((w, i) => `${asked[i]} ${w}`))];
  const pairShare = pairs.length ? pairs.filter((p) => words.includes(` ${p} `)).length / pairs.length : 0;
  return termShare(ctx, words) * (1 - PAIR_SHARE) + pairShare * PAIR_SHARE;
}

/** The rarity-weighted share of the question's words found in `words` (folded, space-padded). */
export function termShare(ctx: Pick<ComposeContext, 'query' | 'weights'>, words: string): number {
  let found = 0;
  let total = 0;
  for (const term of ctx.query.terms) {
    const w = ctx.weights.get(term) ?? 1;
    total += w;
    if (words.includes(` ${term} `)) found += w;
  }
  return total ? found / total : 0;
}

/** How much the share of word pairs found counts beside the share of words. */
const PAIR_SHARE = 0.3;
const MAX_NAME_WORDS = 16;
/** Words before a name that make it a goal. */
const PLAN_BEFORE = /\b(phan dau|muc tieu|chi tieu|du kien|dinh huong|se)\b/;
/** The share of the question's words a sentence must hold to answer a name. */
const MIN_NAME_TERMS = 0.3;

/**
 * The sentence among the best passages that holds most of the question's
 * words and names every slot, and the spans that name them; null when none does.
 */
export function answerWithName(ctx: ComposeContext, slots: readonly NameSlot[]): Draft | null {
  if (slots.length === 0) return null;
  let best: { score: number; spans: Found[]; sentence: string; result: (typeof ctx.retrieval.results)[number] } | null =
    null;
  for (const [rank, result] of ctx.retrieval.results.slice(0, 5).entries()) {
    const text = passageFullText(result.passage);
    for (const span of splitSentences(text)) {
      const sentence = text.slice(span.start, span.end);
      const spans = slots.map((slot) => spanFor(slot, sentence));
      const named = spans.filter((s): s is Found => s !== null);
      if (named.length === 0) continue;
      // Every slot named counts; a sentence naming some of them is a weaker answer.
      const score = wordsFound(ctx, sentence) * (named.length / slots.length) + 0.1 / (rank + 1);
      if (!best || score > best.score) best = { score, spans: named, sentence: sentence.trim(), result };
    }
  }
  if (!best || best.score < MIN_NAME_TERMS) return null;
  const t = TEXTS[ctx.lang];
  const citations = new CitationList(ctx.lang);
  const n = citations.cite(best.result.passage, best.result.document, best.sentence);
  const where = best.result.document.province;
  let names = [...new Set(best.spans.map((s) => s.text))].join('; ');
  // A programme or plan is named with the period the sentence gives it (`Dự án 4 …, giai đoạn 2021-2025`).
  const period = slots.some((s) => s.kind === 'period') ? null : firstMatch(PERIOD_SPAN, best.sentence);
  if (period && !names.includes(period.text)) names = `${names} (${period.text})`;
  // `phấn đấu đến hết năm 2025 …`: what the sentence names is a goal, not a result.
  const first = Math.min(...best.spans.map((s) => s.at));
  if (PLAN_BEFORE.test(fold(best.sentence.slice(0, first)))) names = `${names} (${t.planOf(null)})`;
  return {
    kind: 'answer',
    verdict: null,
    confidence: { outcome: 'answer', score: Math.min(1, best.score) },
    lines: [`${where ? `${where} · ` : ''}${names} [${n}]`, `${t.quoteIntro}: «${best.sentence}» [${n}]`],
    citations,
    figures: [],
    computed: [],
  };
}
