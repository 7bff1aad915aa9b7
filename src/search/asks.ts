import { matchIndicators } from '../figures/indicator.js';
import type { Figure } from '../figures/types.js';
import { parsePeriodQuery } from '../ingest/period.js';
import { foldWithOffsets } from '../ingest/provinces.js';
import { fold } from '../text/normalize.js';
import {
  askedUnits,
  contentWords,
  COUNTED_NOUNS,
  COUNTED_UNIT,
  type IndicatorHit,
  type ParsedQuery,
  type QueryPeriod,
} from './query.js';

/**
 * One thing a question asks for. `Hà Tĩnh năm 2024 giải quyết việc làm cho bao
 * nhiêu người, đạt bao nhiêu % kế hoạch?` asks two: a count of people, and the
 * percent of plan of that same figure.
 */
export interface Ask {
  /** The part of the question, as typed. */
  text: string;
  terms: string[];
  pairs: string[];
  indicators: IndicatorHit[];
  units: string[];
  /** The kind of number wanted. */
  role: AskRole;
  /** A plan or target is asked for (`chỉ tiêu`, `kế hoạch`, `phấn đấu`, `dự kiến`), not a result. */
  plan: boolean;
  /** The part names nothing of its own (`tăng bao nhiêu so với năm trước`): it is about the previous part's figure. */
  follows: boolean;
  /** A running total is asked for (`lũy kế`, `từ đầu năm`). */
  cumulative: boolean;
  /** A period this part names for itself (`từ bao nhiêu (2020) xuống bao nhiêu (2024)`), else the question's. */
  period: QueryPeriod | null;
}

export type AskRole = 'level' | 'change' | 'plan_percent' | 'baseline_ratio';

/** Where a question asks for a number (folded). */
const SLOT =
  /\b(bao nhieu|may|how many|how much|what share|what percentage|what proportion|what (?:was|is|were|are)(?: the)?|how (?:did|has|have|does) (?:it|they|this|that) (?:change|changed|go|move|compare)|tang hay giam|giam hay tang|the nao|ra sao|muc nao)\b/g;
/** The noun right after the question word names the unit asked: `tăng bao nhiêu phần trăm`, `bao nhiêu hồ sơ`. */
const SLOT_UNIT = new RegExp(`\\b(?:bao nhieu|may|how many)\\s+(phan tram|%|${COUNTED_NOUNS})\\b`);

/**
 * English puts the counted noun at the end of its phrase (`how many job-counselling
 * conferences did …`), and the translation leaves it behind the translated
 * modifiers: the noun phrase runs from `how many` to its verb.
 */
const EN_COUNTED_PHRASE =
  /\bhow many\s+((?:(?!\b(?:did|do|does|were|was|are|is|have|has|had|will|would|in|of|to|from|and|by)\b)[a-z0-9 ])+)/;
const COUNTED_NOUN = new RegExp(`\\b(${COUNTED_NOUNS})\\b`);

/** Units a part asks for: the noun after its question word when there is one, else every unit cue in it. */
function unitsOf(folded: string): string[] {
  const slot = SLOT_UNIT.exec(folded);
  if (slot) return [slot[1] === 'phan tram' || slot[1] === '%' ? '%' : COUNTED_UNIT[slot[1]!]!];
  const english = EN_COUNTED_PHRASE.exec(folded)?.[1];
  const noun = english ? COUNTED_NOUN.exec(english)?.[1] : undefined;
  if (noun) return [COUNTED_UNIT[noun]!];
  return askedUnits(folded);
}

/** A part naming no unit of its own (`… xuống bao nhiêu (2024)?`) asks in the unit of the part it continues. */
function partUnits(part: string, previous: Ask | null): string[] {
  const own = unitsOf(fold(part));
  return own.length > 0 || !previous ? own : previous.units;
}

const CUMULATIVE = /\b(luy ke|tu dau nam|cong don|year to date|so far)\b/;

/** Where a question's parts meet (folded). */
const SEPARATOR = /[,;?]|\s(?:va|and|con|dong thoi|cung nhu)\s/g;

const CHANGE =
  /\b(tang|giam|cao hon|thap hon|nhieu hon|it hon)\b[^,;?]{0,30}\b(bao nhieu|may)\b|\b(tang|giam) hay (tang|giam)\b|\bthay doi\b|\bbien dong\b|\bincrease|\bdecrease|\brise\b|\brose\b|\bfell\b|\bfall\b|\bchange|\byear on year\b|\bgrow|\bgrew\b/;
/**
 * `tặng` (give) folds as `tăng` (rise): with accents the question tells them
 * apart; without, a gift counted (`tang bao nhieu suat qua`) is a giving.
 * `việc làm tăng thêm` is the jobs created, a level.
 */
const GIVING = /\btặng\b/u;
const GIFT = /\btang\b[^,;?]{0,30}\b(qua|suat qua|phan qua)\b|\bviec lam (moi )?tang them\b/;

/** `giảm từ bao nhiêu … xuống bao nhiêu`: the two levels are asked, not the change. */
const FROM_TO = /\b(tu|xuong|len)( con| muc)? (bao nhieu|may)\b|\bfrom what\b/;
const PLAN_PERCENT =
  /(bao nhieu|may) ?(%|phan tram) ?(so voi )?(ke hoach|kh|chi tieu)|\bdat bao nhieu ?(%|phan tram)|(percent|%|share) of (the )?(plan|target)/;
const BASELINE_RATIO = /(bao nhieu|may) ?(%|phan tram) ?so (voi )?(cung ki|nam truoc)/;
const PLAN =
  /\b(chi tieu|ke hoach|muc tieu|phan dau|dat ra|de ra|du kien|se|target|plan|plans|aim|goal|expected|will)\b/;
/** `đạt bao nhiêu % kế hoạch`, `vượt kế hoạch bao nhiêu` ask how much of the plan a result reached: not a plan question. */
const PERCENT_OF_PLAN_WORDS =
  /((%|phan tram|percent) ?(so voi )?(cua )?(the )?|\b(vuot|so voi|so|hoan thanh|of the|of) )(ke hoach|kh|chi tieu|plan|target)/g;
/** `đạt kế hoạch` (reached the plan) folds as `đặt kế hoạch` (set a plan): only accents tell them apart. */
const REACHED_PLAN = /đạt (?:kế hoạch|chỉ tiêu|mục tiêu)/;
/** `so với cùng kỳ 2024`, `so với năm 2023`: a baseline, not the period a part asks about. */
const BASELINE_PERIOD =
  /\b(so voi|cung ki|compared (with|to)|than)( cung ki)?( cuoi| dau)?( nam| thang| quy)? ?((19|20)\d{2})?/g;
/** Words of a part that carry no subject of their own. */
const ROLE_WORDS = new Set(
  (
    'tang giam hay bao nhieu may so voi nam truoc cung ki phan tram dat ke hoach kh chi tieu the nao ra sao ' +
    'thay doi bien dong cao thap hon nhieu it duoc them la muc nao co khong increase decrease change rise ' +
    'fall percent plan target compared previous year how many much what share was is were the of by cung ki ' +
    'hay xuong len tu'
  ).split(' '),
);

/** Words that name no topic: what a count is of, and verbs any report uses. */
const UNTOPICAL = new Set(
  (
    'nguoi ho luot truong hop doi tuong lao dong hoc vien tre em the qua suat phan tien kinh phi ho tro ' +
    'duoc tong cong ca bao gom people workers households how many much total'
  ).split(' '),
);

/**
 * A part names a topic when it names an indicator or a word beyond the unit and
 * common verbs: `Lạng Sơn có bao nhiêu người?` names none, so no figure can be
 * picked for it with confidence.
 */
export function namesTopic(ask: Ask): boolean {
  return ask.indicators.length > 0 || ask.terms.some((t) => !UNTOPICAL.has(t) && !/^\d+$/.test(t));
}

/** The parts of a question, one per number it asks for; a question asking one thing is one part. */
export function splitAsks(query: ParsedQuery): Ask[] {
  const text = query.searchText;
  const { folded } = foldWithOffsets(text);
  const slots = [...folded.matchAll(SLOT)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const cuts: number[] = [];
  for (let i = 0; i + 1 < slots.length; i++) {
    const between = folded.slice(slots[i]!.end, slots[i + 1]!.start);
    // A comma or semicolon between the two parts is where they meet, before any `và`/`còn` (`…, tỷ lệ còn lại`).
    let cut = -1;
    let punctuated = false;
    for (const m of between.matchAll(SEPARATOR)) {
      const punctuation = /^[,;?]/.test(m[0]);
      if (punctuated && !punctuation) continue;
      cut = slots[i]!.end + m.index!;
      punctuated ||= punctuation;
    }
    // `từ bao nhiêu (2020) xuống bao nhiêu (2024)`: two levels, cut before `xuống`/`lên`.
    const fromTo = /\b(xuong|len|den)( con)? $/.exec(folded.slice(0, slots[i + 1]!.start));
    if (cut < 0 && fromTo) cut = fromTo.index;
    if (cut >= 0) cuts.push(cut);
  }
  const bounds = [0, ...cuts, text.length];
  const blocked = new Set<string>();
  for (const name of query.expandedProvinces) for (const w of fold(name).split(/[^a-z0-9]+/)) if (w) blocked.add(w);
  const asks: Ask[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = text.slice(bounds[i], bounds[i + 1]);
    asks.push(describePart(part, query, blocked, asks[asks.length - 1] ?? null, bounds.length > 2));
  }
  return asks.length === 1 ? byIndicator(asks[0]!, query, blocked) : asks;
}

/**
 * `chỉ tiêu về giải quyết việc làm và tỷ lệ hộ nghèo là bao nhiêu` asks one
 * number for each of two indicators joined by `và` or a comma: one part each.
 */
function byIndicator(ask: Ask, query: ParsedQuery, blocked: ReadonlySet<string>): Ask[] {
  const hits = ask.indicators.filter((h, i, all) => all.findIndex((o) => overlaps(o.matched, h.matched)) === i);
  if (hits.length < 2 || !/\s(va|and)\s|,/.test(fold(ask.text))) return [ask];
  const joined = hits.every(
    (h, i) => i === 0 || betweenJoins(fold(ask.text), fold(hits[i - 1]!.matched), fold(h.matched)),
  );
  if (!joined) return [ask];
  const matchedWords = new Set(hits.flatMap((h) => contentWords(h.matched, query.lang, blocked).terms));
  const shared = ask.terms.filter((t) => !matchedWords.has(t));
  const parts: Ask[] = [];
  for (const hit of hits) {
    const own = contentWords(hit.matched, query.lang, blocked);
    const units = unitsOf(fold(hit.matched));
    parts.push({
      ...ask,
      text: hit.matched,
      terms: [...new Set([...own.terms, ...shared])],
      pairs: own.pairs,
      indicators: [hit],
      // `tỷ lệ hộ nghèo và hộ cận nghèo`: the second phrase shares the first one's `tỷ lệ`.
      units: units.length > 0 ? units : (parts[parts.length - 1]?.units ?? []),
    });
  }
  return parts;
}

function overlaps(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  return fa.includes(fb) || fb.includes(fa);
}

/** The two indicator phrases stand in the text with `và`, `and` or a comma between them. */
function betweenJoins(text: string, first: string, second: string): boolean {
  const a = text.indexOf(first);
  const b = text.indexOf(second);
  if (a < 0 || b < 0) return false;
  const between = a < b ? text.slice(a + first.length, b) : text.slice(b + second.length, a);
  return /^\s*(,|va|and|cung nhu)\s/.test(`${between} `) || /^\s*,?\s*(va|and)?\s*$/.test(between);
}

function describePart(
  part: string,
  query: ParsedQuery,
  blocked: ReadonlySet<string>,
  previous: Ask | null,
  several: boolean,
): Ask {
  const f = fold(part);
  const words = several ? contentWords(part, query.lang, blocked) : { terms: query.terms, pairs: query.pairs };
  const own = words.terms.filter((t) => !ROLE_WORDS.has(t));
  const follows = previous !== null && own.length === 0;
  const role: AskRole = BASELINE_RATIO.test(f)
    ? 'baseline_ratio'
    : PLAN_PERCENT.test(f)
      ? 'plan_percent'
      : CHANGE.test(f) && !FROM_TO.test(f) && !GIVING.test(part.toLowerCase()) && !GIFT.test(f)
        ? 'change'
        : 'level';
  const period = parsePeriodQuery(f.replace(BASELINE_PERIOD, ' '));
  const ownPeriod = several && period.year !== null ? period : null;
  // The question's subject carries into a part that names none of its own.
  const inherit = previous !== null && (follows || own.length <= 1);
  return {
    text: part,
    terms: inherit ? [...new Set([...words.terms, ...previous.terms])] : words.terms,
    pairs: inherit ? [...new Set([...words.pairs, ...previous.pairs])] : words.pairs,
    indicators: several ? pickIndicators(part, previous) : query.indicators,
    units: partUnits(several ? part : query.searchText, inherit ? previous : null),
    role,
    plan:
      PLAN.test(fold(query.searchText).replace(PERCENT_OF_PLAN_WORDS, ' ')) &&
      !REACHED_PLAN.test(query.searchText.toLowerCase()) &&
      role !== 'plan_percent',
    follows,
    cumulative: CUMULATIVE.test(fold(query.searchText)),
    period: ownPeriod ?? query.period,
  };
}

function pickIndicators(part: string, previous: Ask | null): IndicatorHit[] {
  const own = matchIndicators(part);
  return own.length > 0 ? own : (previous?.indicators ?? []);
}

/** Words before a claimed number that make it a plan (`chỉ tiêu 3.000`, `kế hoạch giao 20.000`). */
const PLAN_BEFORE = /\b(chi tieu|ke hoach|kh|muc tieu|phan dau|dat ra|target|plan)\b[^,;]{0,40}$/;
const PLAN_PERCENT_AFTER = /^\s*(so voi )?(ke hoach|kh|chi tieu|of (the )?plan)\b/;
const CHANGE_BEFORE = /\b(tang|giam|vuot|cao hon|thap hon|increase|decrease|rose|fell)\b[^,;0-9]{0,20}$/;

/** A number a question claims, with the part of the question that says what it is. */
export interface ClaimAsk {
  claim: Figure;
  ask: Ask;
}

/**
 * One part per claimed number: `… 12.140 người nhưng mới đạt 78,3% kế hoạch`
 * claims a count and its percent of plan, each checked on its own.
 */
export function claimAsks(query: ParsedQuery): ClaimAsk[] {
  const claims = query.claims.filter((c) => c.kind !== 'rank');
  const text = query.question;
  const blocked = new Set<string>();
  for (const name of query.expandedProvinces) for (const w of fold(name).split(/[^a-z0-9]+/)) if (w) blocked.add(w);
  return claims.map((claim, i) => {
    const from = i > 0 ? claims[i - 1]!.end : 0;
    const to = i + 1 < claims.length ? claims[i + 1]!.start : text.length;
    const part = claims.length > 1 && query.lang === 'vi' ? text.slice(from, to) : query.searchText;
    const words = claims.length > 1 && query.lang === 'vi' ? contentWords(part, 'vi', blocked) : query;
    const before = fold(text.slice(from, claim.start));
    const after = fold(text.slice(claim.end, to));
    const inherit = words.terms.filter((t) => !ROLE_WORDS.has(t)).length <= 2;
    const giving =
      GIVING.test(text.slice(from, claim.start).toLowerCase()) || /\bqua\b/.test(fold(claim.unitText ?? ''));
    const role: AskRole =
      claim.unit === '%' && PLAN_PERCENT_AFTER.test(after)
        ? 'plan_percent'
        : (claim.kind === 'change' && claim.from === undefined) || (CHANGE_BEFORE.test(before) && !giving)
          ? 'change'
          : 'level';
    const own = matchIndicators(part);
    return {
      claim,
      ask: {
        text: part,
        terms: inherit ? [...new Set([...words.terms, ...query.terms])] : words.terms,
        pairs: inherit ? [...new Set([...words.pairs, ...query.pairs])] : words.pairs,
        indicators: own.length > 0 ? own : query.indicators,
        units: [claimUnit(claim)],
        role,
        plan: PLAN_BEFORE.test(before) && role !== 'plan_percent',
        follows: false,
        cumulative: CUMULATIVE.test(fold(query.searchText)),
        period: query.period,
      },
    };
  });
}

/** The unit cue of a claimed number: its class is what it can be compared with. */
function claimUnit(claim: Figure): string {
  if (claim.unit === '%' || claim.kind === 'percent') return '%';
  if (claim.kind === 'money' || claim.unit === 'đồng') return 'đồng';
  if (claim.unit === 'hộ') return 'hộ';
  return claim.unit ?? 'người';
}
