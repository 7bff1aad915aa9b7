import { parseReferences } from '../figures/references.js';
import { parseQuery, type ParsedQuery } from '../search/query.js';
import { termWeights } from '../search/retriever.js';
import { answerWithName, askedNames, termShare } from './answerName.js';
import { fold } from '../text/normalize.js';
import { CitationList } from './citations.js';
import type { ComposeContext, Draft } from './draft.js';
import { passageFullText, quoteFor } from './figureContext.js';
import { capitalize, indicatorLabel, renderFigure, toAnswerFigure } from './render.js';
import { relatedIndicator } from './indicatorMatch.js';
import type { Candidate } from './figureFeatures.js';
import { namesTopic } from '../search/asks.js';
import { rankAsks, type AskRanking } from './pickFigures.js';
import { candidatesOf, type RankedCandidate } from './rankFigures.js';
import { TEXTS, type Lang } from './texts.js';
import type { Figure } from '../figures/types.js';
import { periodLabel } from '../ingest/period.js';
import type { StoredDocument } from '../store/corpusStore.js';

/** A question asking which document rules something: `theo nghị định nào`, `văn bản nào`, `kế hoạch số mấy`. */
const ASKS_REFERENCE =
  /\b(nghi dinh|nghi quyet|quyet dinh|ke hoach|thong tu|chi thi|van ban|cong van|to trinh|luat)\b[^?]*\b(nao|may|gi|so may|which|what)\b|\b(which|what) (decree|resolution|decision|plan|document)/;

/** A figure (or a document number) that answers the question, quoted and cited; null when no figure can. */
export function answerWithFigure(ctx: ComposeContext): Draft | null {
  const named = answerWithNameOrReference(ctx);
  if (named) return named;
  // `theo nghị định nào?` with no sentence naming one: a number is no answer to it.
  if (asksOnlyNames(ctx.query)) {
    const rankings = rankAsks(ctx.query, ctx.retrieval.results, ctx.figuresOf, ctx.weights, ctx.ranker);
    return rankings.some((r) => r.ranked.length > 0) ? closestPassages(ctx, rankings, 0) : null;
  }
  return figureAnswer(ctx);
}

/** The question asks which document, programme or year, and no number beside it. */
function asksOnlyNames(query: ParsedQuery): boolean {
  const folded = fold(query.searchText);
  return (askedNames(query.searchText).length > 0 || ASKS_REFERENCE.test(folded)) && !COUNT_SLOT.test(folded);
}

/**
 * A question asking which document, programme, school or year: the span that
 * names it. When the question also asks a number in a clause of its own
 * (`theo nghị quyết nào …, kinh phí năm 2023 bao nhiêu?`), that clause gets its figure too.
 */
function answerWithNameOrReference(ctx: ComposeContext): Draft | null {
  const slots = askedNames(ctx.query.searchText);
  const named =
    (ASKS_REFERENCE.test(fold(ctx.query.searchText)) ? answerWithReference(ctx) : null) ?? answerWithName(ctx, slots);
  if (!named) return null;
  const rest = countClause(ctx.query);
  if (!rest) return named;
  const figure = figureAnswer({ ...ctx, query: rest, weights: termWeights(ctx.store, rest) });
  return figure && figure.confidence?.outcome === 'answer' ? joinDrafts(named, figure) : named;
}

/** The clause of a question that asks a number beside the one that asks a name, as a query of its own. */
function countClause(query: ParsedQuery): ParsedQuery | null {
  const clauses = query.question.split(/[,;]/);
  if (clauses.length < 2) return null;
  const counting = clauses.filter((c) => askedNames(c).length === 0 && COUNT_SLOT.test(fold(c)));
  if (counting.length === 0) return null;
  const sub = parseQuery(counting.join(', '));
  const own = {
    ...sub,
    provinces: query.provinces,
    expandedProvinces: query.expandedProvinces,
    period: sub.period ?? query.period,
  };
  if (sub.indicators.length > 0) return own;
  // A clause naming no indicator (`kinh phí bao nhiêu`): the question's other words say what it is the number of.
  return {
    ...sub,
    terms: [...new Set([...sub.terms, ...query.terms])],
    pairs: [...new Set([...sub.pairs, ...query.pairs])],
    indicators: sub.indicators.length > 0 ? sub.indicators : query.indicators,
    provinces: query.provinces,
    expandedProvinces: query.expandedProvinces,
    period: sub.period ?? query.period,
  };
}

const COUNT_SLOT = /\b(bao nhieu|how many|how much)\b/;

/** Two replies as one: both statements first, then both quotes, citations renumbered into the first's list. */
function joinDrafts(first: Draft, second: Draft): Draft {
  const renumber = new Map<number, number>();
  for (const [i, c] of second.citations.citations.entries()) {
    renumber.set(i + 1, first.citations.add(c));
  }
  const relabel = (line: string) => line.replace(/\[(\d+)\]/g, (_, n) => `[${renumber.get(Number(n)) ?? n}]`);
  const isQuote = (line: string) => line.includes('«');
  return {
    ...first,
    lines: [
      ...first.lines.filter((l) => !isQuote(l)),
      ...second.lines.filter((l) => !isQuote(l)).map(relabel),
      ...new Set([...first.lines.filter(isQuote), ...second.lines.filter(isQuote).map(relabel)]),
    ],
    figures: [
      ...first.figures,
      ...second.figures.map((f) => ({ ...f, citation: renumber.get(f.citation) ?? f.citation })),
    ],
    computed: [...first.computed, ...second.computed],
  };
}

/** The figure that answers the question, or the closest passages when none is sure enough. */
function figureAnswer(ctx: ComposeContext): Draft | null {
  const rankings = rankAsks(ctx.query, ctx.retrieval.results, ctx.figuresOf, ctx.weights, ctx.ranker);
  const primary = rankings.find((r) => !r.attached);
  const top = primary?.ranked[0];
  if (!primary || !top) return null;
  // A question that names no topic cannot pick one figure, however well it scores.
  if (top.probability < ctx.ranker.answer_threshold || !namesTopic(primary.ask)) {
    return closestPassages(ctx, rankings, Math.min(top.probability, ctx.ranker.answer_threshold * 0.999));
  }
  return compose(ctx, rankings, top.probability);
}

/** One line per part of the question: its figure, or a plain word that the part was not found. */
function compose(ctx: ComposeContext, rankings: AskRanking[], confidence: number): Draft {
  const { lang } = ctx;
  const t = TEXTS[lang];
  const citations = new CitationList(lang);
  const draft: Draft = {
    kind: 'answer',
    verdict: null,
    lines: [],
    citations,
    figures: [],
    computed: [],
    confidence: { outcome: 'answer', score: confidence },
  };
  const quotes: { n: number; quote: string }[] = [];
  const used = new Set<number>();
  const documents = new Set<StoredDocument>();
  let previous: RankedCandidate | null = null;
  const picks = assignFigures(rankings, ctx.ranker.answer_threshold);
  for (const [index, ranking] of rankings.entries()) {
    if (ranking.attached) continue;
    const pick = picks.get(index);
    if (!pick || used.has(pick.figure.id)) {
      draft.lines.push(t.partMissing(ranking.ask.text.replace(/^[\s,;:]+|[\s?,;:]+$/g, '')));
      continue;
    }
    used.add(pick.figure.id);
    documents.add(pick.result.document);
    const text = passageFullText(pick.result.passage);
    const quote = quoteFor(text, pick.figure.start, pick.figure.end);
    const n = citations.cite(pick.result.passage, pick.result.document, quote, pick.figure);
    draft.figures.push(toAnswerFigure(pick.figure, n));
    // A change is shown with the level it changed (`13.710 lao động, giảm 32,9%`), unless another part gives it.
    const level = pick.evidence.role === 'change' && rankings.indexOf(ranking) === 0 ? levelOf(pick, ctx) : null;
    if (level && !used.has(level.figure.id)) {
      used.add(level.figure.id);
      draft.figures.push(toAnswerFigure(level.figure, n));
    }
    const shown = `${level ? `${renderFigure(level.figure, lang)}, ` : ''}${changeText(pick, lang)}`;
    // A plan part with no period of its own shares the one of the part before it in the same passage.
    const carried =
      previous && previous.result.passage.id === pick.result.passage.id ? (previous.evidence.period ?? null) : null;
    draft.lines.push(`${headOf(pick, ranking, ctx)}: ${shown}${statusNote(pick, lang, carried)} [${n}]`);
    previous = pick;
    if (!quotes.some((q) => q.quote === quote)) quotes.push({ n, quote });
  }
  if ([...documents].some((d) => d.periodKey === null)) draft.lines.push(t.periodUnstated);
  for (const q of quotes) draft.lines.push(`${t.quoteIntro}: «${q.quote}» [${q.n}]`);
  return draft;
}

/**
 * One figure per part, no figure twice, the parts' probabilities summed as
 * high as they go: a part that fits one figure well keeps it even when an
 * earlier, less sure part would have taken it (`cấp 3.284 … thu hồi 521`).
 * Questions have a handful of parts, so the few best candidates of each are
 * tried in every combination.
 */
function assignFigures(rankings: readonly AskRanking[], threshold: number): Map<number, RankedCandidate> {
  const options = rankings.map((r) =>
    r.attached ? [] : r.ranked.filter((c) => c.probability >= threshold).slice(0, ASSIGN_CANDIDATES),
  );
  let best: { total: number; picks: (RankedCandidate | null)[] } = { total: -1, picks: [] };
  const walk = (index: number, picks: (RankedCandidate | null)[], taken: Set<string>, total: number) => {
    if (index === options.length) {
      if (total > best.total) best = { total, picks: [...picks] };
      return;
    }
    for (const c of options[index]!) {
      const key = sameFigureKey(c);
      if (taken.has(key)) continue;
      taken.add(key);
      walk(index + 1, [...picks, c], taken, total + c.probability);
      taken.delete(key);
    }
    walk(index + 1, [...picks, null], taken, total);
  };
  walk(0, [], new Set(), 0);
  const assigned = new Map<number, RankedCandidate>();
  best.picks.forEach((c, index) => c && assigned.set(index, c));
  return assigned;
}

/** How many of each part's best figures the assignment tries. */
const ASSIGN_CANDIDATES = 4;

/**
 * A paragraph a page repeats holds the same figure twice: the same number with
 * the same words right around it is one figure, however each copy begins.
 */
function sameFigureKey(c: Candidate): string {
  const near = c.evidence.label.trim().split(' ').slice(-SAME_FIGURE_WORDS).join(' ');
  return `${c.figure.text}|${near}|${c.evidence.after.trim().split(' ').slice(0, SAME_FIGURE_WORDS).join(' ')}`;
}

const SAME_FIGURE_WORDS = 6;

/** The level a change figure belongs to: the count just before it in its sentence, whose subject it carries. */
function levelOf(pick: RankedCandidate, ctx: ComposeContext): Candidate | null {
  if (pick.evidence.subject.trim().length === 0) return null;
  return (
    candidatesOf([pick.result], ctx.figuresOf).find(
      (c) =>
        c.evidence.sentence === pick.evidence.sentence &&
        c.inSentence === pick.inSentence - 1 &&
        c.evidence.role === 'level' &&
        c.figure.unit !== '%',
    ) ?? null
  );
}

/** `giảm 32,9%`: a change with its direction, when the report's words around it give one. */
function changeText(pick: RankedCandidate, lang: Lang): string {
  const rendered = renderFigure(pick.figure, lang);
  const direction = pick.figure.direction;
  if (pick.evidence.role !== 'change' || !direction || pick.figure.from !== undefined) return rendered;
  const word = TEXTS[lang].direction[direction];
  return fold(rendered).startsWith(fold(word)) ? rendered : `${word} ${rendered}`;
}

/**
 * No figure is sure enough to be stated: say so, and quote the sentences
 * closest to the question with their figures marked, for the reader to judge.
 */
function closestPassages(ctx: ComposeContext, rankings: AskRanking[], confidence: number): Draft {
  const { lang } = ctx;
  const citations = new CitationList(lang);
  const draft: Draft = {
    kind: 'answer',
    verdict: null,
    lines: [TEXTS[lang].closestIntro],
    citations,
    figures: [],
    computed: [],
    confidence: { outcome: 'closest', score: confidence },
  };
  const seen = new Set<string>();
  for (const c of rankings.flatMap((r) => r.ranked).sort((a, b) => b.score - a.score)) {
    if (seen.size >= CLOSEST_SENTENCES) break;
    const text = passageFullText(c.result.passage);
    const quote = quoteFor(text, c.figure.start, c.figure.end);
    if (seen.has(quote)) continue;
    seen.add(quote);
    const n = citations.cite(c.result.passage, c.result.document, quote);
    draft.lines.push(`«${markFigures(quote, ctx.figuresOf(c.result.passage.id))}» [${n}]`);
  }
  return draft;
}

/** How many sentences a `closest passages` reply quotes. */
const CLOSEST_SENTENCES = 3;

/** `*23.500 người*`: the figures of a quoted sentence marked, so the eye finds them. */
function markFigures(quote: string, figures: readonly Figure[]): string {
  const texts = [...new Set(figures.map((f) => f.text))].sort((a, b) => b.length - a.length);
  if (texts.length === 0) return quote;
  const escaped = texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Whole figures only: `28.000` is not marked as `2` and `8.000`.
  return quote.replace(
    new RegExp(`(?<![\\p{L}\\p{N}.,])(?:${escaped.join('|')})(?![\\p{N}]|[.,]\\p{N})`, 'gu'),
    (m) => `*${m}*`,
  );
}

/** `Hà Tĩnh · Giải quyết việc làm`: where, and what the figure measures. */
function headOf(pick: RankedCandidate, ranking: AskRanking, ctx: ComposeContext): string {
  const where = pick.result.document.province;
  const asked = ranking.ask.indicators.map((i) => i.id);
  const indicator = pick.figure.indicator;
  const fits = indicator !== null && (asked.length === 0 || asked.some((id) => relatedIndicator(indicator, id)));
  const label = fits ? indicatorLabel(indicator, ctx.lang) : clauseLabel(pick);
  return [where, label ? capitalize(label) : null].filter(Boolean).join(' · ');
}

/** The report's own words before a figure, a few of them, as its label. */
function clauseLabel(pick: RankedCandidate): string | null {
  const text = passageFullText(pick.result.passage);
  const before = text.slice(Math.max(0, pick.figure.start - 120), pick.figure.start);
  const clause = before.split(/[;:.()\n]|,\s/).pop() ?? '';
  const words = clause
    .replace(/[\d.,%]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const tail = words.slice(-8).join(' ');
  return tail.length >= 3 ? tail : null;
}

/** `(kế hoạch năm 2025)`, `(dự kiến năm 2025)`, `(lũy kế)`, `(cả nước)`, `(năm 2021)`: what kind of figure it is. */
function statusNote(pick: RankedCandidate, lang: Lang, carried: string | null): string {
  const t = TEXTS[lang];
  const e = pick.evidence;
  const period = e.period ?? carried ?? pick.result.document.periodKey;
  const periodText = period ? periodLabel(period) : null;
  const notes: string[] = [];
  if (e.status === 'plan') notes.push(t.planOf(periodText));
  else if (e.status === 'forecast') {
    const planned = /\bdu kien\b/.test(`${e.label}${e.after}${pick.sentence}`);
    notes.push(planned ? t.expectedOf(periodText) : t.forecast);
  } else if (e.status === 'cumulative') notes.push(t.cumulative);
  if (e.status !== 'plan' && e.period && e.period !== pick.result.document.periodKey && periodText) {
    notes.push(periodText);
  }
  if (e.national) notes.push(t.national);
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

/** Least share of the question's words around a document number for it to be the one asked. */
const MIN_REFERENCE_TERMS = 0.34;

/** Answers `theo nghị định nào?` with the document number whose clause matches the question best. */
function answerWithReference(ctx: ComposeContext): Draft | null {
  let best: {
    score: number;
    text: string;
    start: number;
    end: number;
    result: (typeof ctx.retrieval.results)[number];
  } | null = null;
  for (const [rank, result] of ctx.retrieval.results.slice(0, 5).entries()) {
    const text = passageFullText(result.passage);
    for (const ref of parseReferences(text)) {
      const after = fold(text.slice(ref.end, ref.end + 220).split(/[;\n]/)[0] ?? '');
      const before = fold(
        text
          .slice(Math.max(0, ref.start - 160), ref.start)
          .split(/[;\n.]/)
          .pop() ?? '',
      );
      const around = ` ${`${before} ${after}`.replace(/[^a-z0-9]+/g, ' ')} `;
      const score = termShare(ctx, around) + 0.15 / (rank + 1);
      if (!best || score > best.score) best = { score, text: ref.text, start: ref.start, end: ref.end, result };
    }
  }
  if (!best || best.score < MIN_REFERENCE_TERMS) return null;
  const { lang } = ctx;
  const t = TEXTS[lang];
  const citations = new CitationList(lang);
  const passageText = passageFullText(best.result.passage);
  const quote = quoteFor(passageText, best.start, best.end, 60);
  const n = citations.cite(best.result.passage, best.result.document, quote);
  const where = best.result.document.province;
  return {
    kind: 'answer',
    verdict: null,
    confidence: { outcome: 'answer', score: Math.min(1, best.score) },
    lines: [`${where ? `${where} · ` : ''}${t.reference}: ${best.text} [${n}]`, `${t.quoteIntro}: «${quote}» [${n}]`],
    citations,
    figures: [],
    computed: [],
  };
}
