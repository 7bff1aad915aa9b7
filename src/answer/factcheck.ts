import type { Figure } from '../figures/types.js';
import type { StoredDocument } from '../store/corpusStore.js';
import { periodCovers } from '../search/periodMatch.js';
import { fold } from '../text/normalize.js';
import { CitationList } from './citations.js';
import { passageFullText, quoteFor } from './figureContext.js';
import type { Draft, ComposeContext } from './draft.js';
import { formatNumber, renderFigure, toAnswerFigure } from './render.js';
import { relatedIndicator, scoreFigures, unitMatches, type ScoredFigure } from './selectFigures.js';
import { TEXTS } from './texts.js';

/** Relative tolerance for claims that say `gần`, `khoảng` (about, nearly). */
export const APPROXIMATE_TOLERANCE = 0.05;

type Comparison = 'match' | 'target' | 'mismatch';

/**
 * Checks a stated number against the report of the same province, period and
 * indicator: `match`, `mismatch` (with the report's figure and the difference)
 * or `not_found` when no such figure exists.
 */
export function factCheck(ctx: ComposeContext): Draft {
  const { query, lang } = ctx;
  const t = TEXTS[lang];
  const citations = new CitationList(lang);
  const claim = pickClaim(query.claims);
  const inPeriod = periodDocuments(ctx.retrieval.documents, ctx);
  // No report of the asked period: a figure counts only where its own sentence names the asked year.
  const yearInQuote = inPeriod.length === 0 ? (query.period?.year ?? null) : null;
  const documents = inPeriod.length > 0 ? inPeriod : ctx.retrieval.documents;
  const draft: Draft = { kind: 'factcheck', verdict: 'not_found', lines: [], citations, figures: [], computed: [] };
  if (!claim) return notFound(draft, t.notFoundDetail);

  const allowed = new Set(documents.map((d) => d.id));
  const results = ctx.retrieval.results.filter((r) => allowed.has(r.document.id));
  const scored = scoreFigures(query, results, ctx.figuresOf, ctx.weights).filter(
    (s) =>
      !s.future && comparable(claim, s.figure) && (yearInQuote === null || quoteOf(s).includes(String(yearInQuote))),
  );
  if (scored.length === 0 && yearInQuote !== null) return notFound(draft, t.noPeriod);
  const claimIndicator = claim.indicator ?? query.indicators[0]?.id ?? null;
  // Figures of the claimed indicator first; words around a figure stand in only when none is tagged so.
  const tagged = claimIndicator
    ? scored.filter((s) => s.figure.indicator && relatedIndicator(s.figure.indicator, claimIndicator))
    : [];
  const relevant = tagged.length > 0 ? tagged : scored.filter((s) => s.termScore >= 0.6);
  if (relevant.length === 0) return notFound(draft, t.notFoundDetail);

  const best = relevant[0]!;
  const matching = relevant.find((s) => compare(claim, s.figure) === 'match' && s.score >= best.score - 1);
  const chosen = matching ?? best;
  const outcome = compare(claim, chosen.figure);
  const n = cite(citations, chosen);
  draft.figures.push(toAnswerFigure(chosen.figure, n));
  draft.verdict = outcome === 'match' ? 'match' : 'mismatch';
  draft.lines.push(t.verdict[draft.verdict]);
  draft.lines.push(`${t.reportSays}: ${renderFigure(chosen.figure, lang)} [${n}]`);
  draft.lines.push(`«${quoteOf(chosen)}» [${n}]`);
  if (outcome !== 'match') {
    const claimed = claimValue(claim);
    const reported = chosen.figure.value;
    const scale = unitScale(claim);
    const diff = (claimed - reported) / scale;
    const formula = `${formatNumber(claimed / scale)} − ${formatNumber(reported / scale)} = ${formatNumber(diff)}`;
    draft.computed.push({ text: formatNumber(diff), formula });
    draft.lines.push(`${t.claimSaid}: ${claim.text}. ${t.difference}: ${formula}${scaleUnit(claim)}.`);
    if (outcome === 'target') draft.lines.push(t.targetNote);
  } else if (isApproximate(claim)) {
    const allowedDiff = claimValue(claim) * APPROXIMATE_TOLERANCE;
    const scale = unitScale(claim);
    const formula = `${formatNumber(APPROXIMATE_TOLERANCE * 100)}% × ${formatNumber(claimValue(claim) / scale)} = ${formatNumber(allowedDiff / scale)}`;
    draft.computed.push({ text: formatNumber(allowedDiff / scale), formula });
    draft.lines.push(`${t.tolerance}: ${formula}.`);
  }
  return draft;
}

function notFound(draft: Draft, detail: string): Draft {
  const t = TEXTS[draft.citations.lang];
  draft.verdict = 'not_found';
  draft.lines.push(t.verdict.not_found, detail);
  return draft;
}

function quoteOf(s: ScoredFigure): string {
  return quoteFor(passageFullText(s.result.passage), s.figure.start, s.figure.end);
}

function cite(citations: CitationList, s: ScoredFigure): number {
  return citations.cite(s.result.passage, s.result.document, quoteOf(s));
}

/** The claim's main number: the largest non-period figure (a claim rarely states two). */
function pickClaim(claims: Figure[]): Figure | null {
  const usable = claims.filter((c) => c.kind !== 'rank');
  return usable[0] ?? null;
}

/** Documents of the asked period; all the province's documents when no period is asked. */
function periodDocuments(documents: StoredDocument[], ctx: ComposeContext): StoredDocument[] {
  const period = ctx.query.period;
  if (!period) return documents;
  return documents.filter((d) => periodCovers(d, period));
}

function claimValue(claim: Figure): number {
  if (claim.kind === 'change' && claim.to !== undefined) return claim.to;
  return claim.value;
}

function reportValue(figure: Figure): number {
  if (figure.kind === 'change' && figure.to !== undefined) return figure.to;
  return figure.value;
}

/** A percent compares with percents, money with money, counts with counts. */
function comparable(claim: Figure, figure: Figure): boolean {
  // `giảm 1,2%` claims a change: it compares with changes, not with the level reached.
  const claimsChange = claim.kind === 'change' && claim.from === undefined;
  if (claimsChange !== (figure.kind === 'change' && figure.from === undefined)) return false;
  const claimPercent =
    claim.unit === '%' || claim.kind === 'percent' || (claim.kind === 'change' && claim.unit === '%');
  const figurePercent = figure.unit === '%' || figure.kind === 'percent';
  if (claimPercent !== figurePercent) return false;
  const claimMoney = claim.kind === 'money' || claim.unit === 'đồng';
  const figureMoney = figure.kind === 'money' || figure.unit === 'đồng';
  if (claimMoney !== figureMoney) return false;
  if (claim.unit && figure.unit && !claimPercent && !claimMoney) {
    return (
      unitMatches(figure, claim.unit) || unitMatches(claim, figure.unit) || sameUnitFamily(claim.unit, figure.unit)
    );
  }
  return true;
}

function sameUnitFamily(a: string, b: string): boolean {
  const people = ['người', 'lượt người', 'lao động', 'người lao động', 'đối tượng', 'lượt', 'trường hợp'];
  return people.includes(a) && people.includes(b);
}

function isApproximate(claim: Figure): boolean {
  return claim.qualifier === 'gần' || claim.qualifier === 'khoảng';
}

function compare(claim: Figure, figure: Figure): Comparison {
  const claimed = claimValue(claim);
  const reported = reportValue(figure);
  // A claim is as precise as it is written: `7,1 tỷ đồng` matches 7.108 triệu, `3,02%` needs 3,02.
  const decimals = fold(claim.text).match(/\d,(\d+)/)?.[1]?.length ?? 0;
  const epsilon = Math.max(Math.abs(reported) * 1e-9, 0.5 * 10 ** -decimals * unitScale(claim));
  const q = claim.qualifier;
  let ok: boolean;
  if (isApproximate(claim)) ok = Math.abs(claimed - reported) <= Math.abs(claimed) * APPROXIMATE_TOLERANCE;
  else if (q === 'trên' || q === 'hơn') ok = reported >= claimed;
  else if (q === 'dưới') ok = reported <= claimed;
  else ok = Math.abs(claimed - reported) <= epsilon;
  if (ok) return 'match';
  if (
    figure.target !== undefined &&
    figure.kind === 'achieved_over_plan' &&
    Math.abs(figure.target - claimed) <= epsilon
  ) {
    return 'target';
  }
  return 'mismatch';
}

/** Money differences are shown in the claim's own unit (triệu / tỷ đồng). */
function unitScale(claim: Figure): number {
  const unit = fold(claim.unitText ?? '');
  if (unit.startsWith('ti')) return 1e9;
  if (unit.startsWith('trieu')) return 1e6;
  return 1;
}

function scaleUnit(claim: Figure): string {
  if (claim.kind === 'money' && claim.unitText) return ` ${claim.unitText}`;
  if (claim.unit === '%') return ' %';
  return claim.unit ? ` ${claim.unit}` : '';
}
