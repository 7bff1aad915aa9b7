import type { Figure } from '../figures/types.js';
import { claimAsks } from '../search/asks.js';
import { fold } from '../text/normalize.js';
import { CitationList } from './citations.js';
import { passageFullText, quoteFor } from './figureContext.js';
import type { Draft, ComposeContext } from './draft.js';
import { formatNumber, renderFigure, toAnswerFigure } from './render.js';
import { candidatesOf, rankForAsk, type RankedCandidate } from './rankFigures.js';
import type { Verdict } from './schema.js';
import { TEXTS } from './texts.js';

/** Relative tolerance for claims that say `gần`, `khoảng` (about, nearly). */
export const APPROXIMATE_TOLERANCE = 0.05;

type Comparison = 'match' | 'target' | 'mismatch';

/**
 * Checks each number a question states against the report of the same
 * province, period and indicator: `match` when every claim holds, `mismatch`
 * (with the report's figure and the difference) when one does not, and
 * `not_found` when the report has no figure sure enough to compare with.
 */
export function factCheck(ctx: ComposeContext): Draft {
  const { lang } = ctx;
  const t = TEXTS[lang];
  const citations = new CitationList(lang);
  const draft: Draft = { kind: 'factcheck', verdict: 'not_found', lines: [], citations, figures: [], computed: [] };
  const parts = claimAsks(ctx.query);
  if (parts.length === 0) return notFound(draft, t.notFoundDetail);
  const candidates = candidatesOf(ctx.retrieval.results, ctx.figuresOf);
  const featureCtx = { weights: ctx.weights, topScore: ctx.retrieval.results[0]?.score ?? 1, previous: null };
  const checks = parts.map(({ claim, ask }) =>
    checkClaim(claim, rankForAsk(ask, candidates, featureCtx, ctx.ranker), ctx),
  );
  const found = checks.filter((c): c is Check => c !== null);
  if (found.length === 0) return notFound(draft, t.notFoundDetail);
  const verdict: Verdict = found.some((c) => c.outcome !== 'match')
    ? 'mismatch'
    : found.length === checks.length
      ? 'match'
      : 'not_found';
  draft.verdict = verdict;
  draft.confidence = { outcome: 'answer', score: Math.min(...found.map((c) => c.pick.probability)) };
  draft.lines.push(t.verdict[verdict]);
  for (const check of found) {
    const { claim, pick, outcome } = check;
    const n = cite(citations, pick);
    draft.figures.push(toAnswerFigure(pick.figure, n));
    // The percent of plan the claim states is shown as the report gives it, when the figure has none attached.
    const plan =
      claim.percentOfPlan !== undefined && !pick.figure.percentOfPlanText ? percentOfPlanOf(pick, check.ranked) : null;
    const planText = plan
      ? lang === 'vi'
        ? `, ${t.planPercent} ${plan.text} ${t.ofPlan}`
        : ` (${plan.text} ${t.ofPlan})`
      : '';
    draft.lines.push(`${t.reportSays}: ${renderFigure(pick.figure, lang)}${planText} [${n}]`);
    draft.lines.push(`«${quoteOf(pick)}» [${n}]`);
    if (outcome !== 'match') {
      const claimed = claimValue(claim);
      const reported = reportValue(pick.figure);
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
  }
  if (found.length < checks.length) {
    const missing = checks.flatMap((c, i) => (c === null ? [parts[i]!.claim.text] : []));
    draft.lines.push(t.claimsUnchecked(missing.join(', ')));
  }
  return draft;
}

interface Check {
  claim: Figure;
  pick: RankedCandidate;
  outcome: Comparison;
  /** Every eligible figure for the claim, best first. */
  ranked: RankedCandidate[];
}

/**
 * The report's figure for one claim is the one the ranker puts first, as for a
 * question: the claim is checked against it, never against another figure that
 * happens to equal the claimed number. A claim stated as a result that equals
 * the plan of an achieved-over-plan figure is a mismatch, said to be the plan.
 */
function checkClaim(claim: Figure, ranked: RankedCandidate[], ctx: ComposeContext): Check | null {
  const top = ranked[0];
  if (!top || top.probability < ctx.ranker.answer_threshold) return null;
  const outcome = compare(claim, top.figure);
  return { claim, pick: top, ranked, outcome: outcome === 'match' ? planOutcome(claim, top, ranked) : outcome };
}

/**
 * `12.140 người … đạt 78,3% kế hoạch` claims a percent of plan too: it must
 * agree with the one the report gives for that figure, attached or in its sentence.
 */
function planOutcome(claim: Figure, pick: RankedCandidate, ranked: RankedCandidate[]): Comparison {
  if (claim.percentOfPlan === undefined) return 'match';
  const reported = percentOfPlanOf(pick, ranked);
  if (!reported) return 'match';
  return Math.abs(reported.value - claim.percentOfPlan) < 0.05 ? 'match' : 'mismatch';
}

/** The percent of plan the report gives for a figure: attached to it, or a percent of plan in its sentence. */
function percentOfPlanOf(pick: RankedCandidate, ranked: RankedCandidate[]): { value: number; text: string } | null {
  if (pick.figure.percentOfPlan !== undefined && pick.figure.percentOfPlanText) {
    return { value: pick.figure.percentOfPlan, text: pick.figure.percentOfPlanText };
  }
  const inSentence = ranked.find(
    (c) =>
      c.result.passage.id === pick.result.passage.id &&
      c.evidence.sentence === pick.evidence.sentence &&
      c.evidence.role === 'plan_percent',
  );
  return inSentence ? { value: inSentence.figure.value, text: inSentence.figure.text } : null;
}

function notFound(draft: Draft, detail: string): Draft {
  const t = TEXTS[draft.citations.lang];
  draft.verdict = 'not_found';
  draft.lines.push(t.verdict.not_found, detail);
  return draft;
}

function quoteOf(c: RankedCandidate): string {
  return quoteFor(passageFullText(c.result.passage), c.figure.start, c.figure.end);
}

function cite(citations: CitationList, c: RankedCandidate): number {
  return citations.cite(c.result.passage, c.result.document, quoteOf(c), c.figure);
}

function claimValue(claim: Figure): number {
  if (claim.kind === 'change' && claim.to !== undefined) return claim.to;
  return claim.value;
}

function reportValue(figure: Figure): number {
  if (figure.kind === 'change' && figure.to !== undefined) return figure.to;
  return figure.value;
}

function isApproximate(claim: Figure): boolean {
  return claim.qualifier === 'gần' || claim.qualifier === 'khoảng';
}

function compare(claim: Figure, figure: Figure): Comparison {
  const claimed = claimValue(claim);
  const reported = reportValue(figure);
  // A claim in a larger unit than the report is as precise as it is written (`7,1 tỷ đồng` matches
  // 7.108 triệu); otherwise `3%` does not match 2,54%.
  const decimals = fold(claim.text).match(/\d,(\d+)/)?.[1]?.length ?? 0;
  const coarser = unitScale(claim) > unitScaleOf(figure.unitText);
  const epsilon = coarser
    ? 0.5 * 10 ** -decimals * unitScale(claim)
    : Math.max(Math.abs(reported) * 1e-9, 0.5 * 10 ** -Math.max(decimals, decimalsOf(figure.text)));
  const q = claim.qualifier;
  let ok: boolean;
  if (isApproximate(claim)) ok = Math.abs(claimed - reported) <= Math.abs(claimed) * APPROXIMATE_TOLERANCE;
  else if (q === 'trên' || q === 'hơn') ok = reported >= claimed && reported <= claimed * (1 + APPROXIMATE_TOLERANCE);
  else if (q === 'dưới') ok = reported <= claimed && reported >= claimed * (1 - APPROXIMATE_TOLERANCE);
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

function decimalsOf(text: string): number {
  return text.match(/\d,(\d+)/)?.[1]?.length ?? 0;
}

/** Money differences are shown in the claim's own unit (triệu / tỷ đồng). */
function unitScale(claim: Figure): number {
  return unitScaleOf(claim.unitText);
}

function unitScaleOf(unitText: string | null): number {
  const unit = fold(unitText ?? '');
  if (unit.startsWith('ti')) return 1e9;
  if (unit.startsWith('trieu')) return 1e6;
  if (unit.startsWith('nghin')) return 1e3;
  return 1;
}

function scaleUnit(claim: Figure): string {
  if (claim.kind === 'money' && claim.unitText) return ` ${claim.unitText}`;
  if (claim.unit === '%') return ' %';
  return claim.unit ? ` ${claim.unit}` : '';
}
