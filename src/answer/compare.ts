import { comparablePassages } from '../search/lexicalSearch.js';
import type { RankedPassage } from '../search/retriever.js';
import { CitationList } from './citations.js';
import type { ComposeContext, Draft } from './draft.js';
import { passageFullText, quoteFor } from './figureContext.js';
import { capitalize, indicatorLabel, renderFigure, toAnswerFigure } from './render.js';
import { rankAsks } from './pickFigures.js';
import type { RankedCandidate } from './rankFigures.js';
import { TEXTS } from './texts.js';
import { periodLabel } from '../ingest/period.js';
import type { StoredDocument } from '../store/corpusStore.js';

/**
 * The same question for each province: one row per province, picked by the
 * same ranker and filters as a single answer (never a plan shown as a
 * result), for the same period where every province has one, sorted, with a
 * note when the periods still differ.
 */
export function compareProvinces(ctx: ComposeContext): Draft {
  const { query, lang, store } = ctx;
  const t = TEXTS[lang];
  const citations = new CitationList(lang);
  const draft: Draft = { kind: 'compare', verdict: null, lines: [], citations, figures: [], computed: [] };
  if (query.indicators.length === 0 && query.terms.length === 0) {
    draft.kind = 'abstain';
    draft.lines.push(t.compareNeedsIndicator);
    return draft;
  }
  const byProvince = new Map<string, StoredDocument[]>();
  for (const d of ctx.retrieval.documents) {
    if (!d.province) continue;
    if (!byProvince.has(d.province)) byProvince.set(d.province, []);
    byProvince.get(d.province)!.push(d);
  }
  const common = query.period ? null : commonPeriod([...byProvince.values()]);
  const held = [...byProvince.values()].map((documents) =>
    common ? documents.filter((d) => d.periodKey === common) : documents,
  );
  const perProvince = Math.max(MIN_PASSAGES, Math.min(MAX_PASSAGES, Math.floor(PASSAGE_BUDGET / held.length)));
  const candidates = comparablePassages(store, query, held, perProvince);
  const rows: Row[] = [];
  const missing: string[] = [];
  for (const [i, province] of [...byProvince.keys()].entries()) {
    const passages: RankedPassage[] = candidates[i]!.map((passage) => ({
      passage,
      document: store.document(passage.docId)!,
      score: 1,
      lexicalRank: null,
      vectorRank: null,
      lexicalScore: null,
      vectorScore: null,
      coverage: 0,
    }));
    const rankings = rankAsks(query, passages, ctx.figuresOf, ctx.weights, ctx.ranker);
    const picks = rankings
      .filter((r) => !r.attached)
      .map((r) => r.ranked[0])
      .filter((c): c is RankedCandidate => c !== undefined && c.probability >= ctx.ranker.answer_threshold);
    if (picks.length === 0) missing.push(province);
    else rows.push({ province, picks });
  }
  for (const province of query.provinces) {
    if (!byProvince.has(province) && !missing.includes(province)) missing.push(province);
  }
  if (rows.length === 0) {
    draft.kind = 'abstain';
    draft.lines.push(t.noTopic);
    return draft;
  }
  const descending = query.order !== 'asc';
  const valueOf = (r: Row) => r.picks[0]!.figure.value;
  rows.sort((a, b) => (descending ? valueOf(b) - valueOf(a) : valueOf(a) - valueOf(b)));
  const first = rows[0]!.picks[0]!;
  const label = indicatorLabel(first.figure.indicator, lang) ?? query.indicators[0]?.matched ?? query.terms.join(' ');
  draft.lines.push(t.compareTitle(label));
  for (const row of rows) {
    const parts: string[] = [];
    for (const pick of row.picks) {
      const text = passageFullText(pick.result.passage);
      const n = citations.cite(
        pick.result.passage,
        pick.result.document,
        quoteFor(text, pick.figure.start, pick.figure.end),
        pick.figure,
      );
      draft.figures.push(toAnswerFigure(pick.figure, n));
      const cumulativePart = pick.evidence.status === 'cumulative' ? ` (${t.cumulative})` : '';
      parts.push(`${renderFigure(pick.figure, lang)}${cumulativePart} [${n}]`);
    }
    const periodKey = row.picks[0]!.evidence.period ?? row.picks[0]!.result.document.periodKey;
    const period = periodKey ? periodLabel(periodKey) : null;
    // Bullets, not numbers: a row number would be a number no report holds.
    draft.lines.push(`• ${row.province}${period ? ` (${period})` : ''}: ${parts.join('; ')}`);
  }
  if (rows.length > 1) draft.lines.push(`${capitalize(descending ? t.highest : t.lowest)}: ${rows[0]!.province}.`);
  const periods = new Set(rows.map((r) => r.picks[0]!.evidence.period ?? r.picks[0]!.result.document.periodKey));
  if (periods.size > 1) draft.lines.push(t.periodsDiffer);
  if (missing.length > 0) draft.lines.push(t.compareMissing(missing.join(', ')));
  return draft;
}

/**
 * Passages ranked for a province: all of its reports' when they hold no more than `MAX_PASSAGES`
 * (a few reports), else the best lexical hits, fewer each when many provinces are compared (a
 * comparison of every province reads about `PASSAGE_BUDGET` passages in all).
 */
const MAX_PASSAGES = 50;
const MIN_PASSAGES = 5;
const PASSAGE_BUDGET = 400;

interface Row {
  province: string;
  picks: RankedCandidate[];
}

/** The latest period every province has a report of, if there is one. */
function commonPeriod(groups: StoredDocument[][]): string | null {
  if (groups.length < 2) return null;
  const sets = groups.map((g) => new Set(g.map((d) => d.periodKey).filter((k): k is string => k !== null)));
  const shared = [...sets[0]!].filter((k) => sets.every((s) => s.has(k)));
  return shared.sort().pop() ?? null;
}
