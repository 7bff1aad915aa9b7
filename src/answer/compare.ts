import type { RankedPassage } from '../search/retriever.js';
import { CitationList } from './citations.js';
import type { ComposeContext, Draft } from './draft.js';
import { passageFullText, quoteFor } from './figureContext.js';
import { capitalize, indicatorLabel, renderFigure, toAnswerFigure } from './render.js';
import { relatedIndicator, scoreFigures, type ScoredFigure } from './selectFigures.js';
import { TEXTS } from './texts.js';
import { numbersTraceable } from './traceability.js';

/**
 * The same indicator across provinces: one row per report (the best figure of
 * that indicator in it), sorted, with a note when the reports' periods differ.
 */
export function compareProvinces(ctx: ComposeContext): Draft {
  const { query, lang, store } = ctx;
  const t = TEXTS[lang];
  const citations = new CitationList(lang);
  const draft: Draft = { kind: 'compare', verdict: null, lines: [], citations, figures: [], computed: [] };
  const indicator = query.indicators[0];
  if (!indicator) {
    draft.kind = 'abstain';
    draft.lines.push(t.compareNeedsIndicator);
    return draft;
  }
  const documents = ctx.retrieval.documents;
  const rows: ScoredFigure[] = [];
  const missing: string[] = [];
  for (const document of documents) {
    // Only passages holding a figure of the indicator can give a row.
    const holding = store
      .passagesOfDocument(document.id)
      .filter((p) =>
        ctx.figuresOf(p.id).some((f) => f.indicator !== null && relatedIndicator(f.indicator, indicator.id)),
      );
    const passages: RankedPassage[] = holding.map((passage) => ({
      passage,
      document,
      score: 1,
      lexicalRank: null,
      vectorRank: null,
      lexicalScore: null,
      vectorScore: null,
      coverage: 0,
    }));
    const candidates = scoreFigures(query, passages, ctx.figuresOf, ctx.weights).filter(
      (s) => s.figure.indicator !== null && relatedIndicator(s.figure.indicator, indicator.id) && !s.future,
    );
    // A monthly report's year-to-date figure compares better with longer periods than the month's own.
    const cumulative =
      (document.months ?? 12) < 12 ? candidates.find((s) => isCumulative(s, candidates[0])) : undefined;
    const best = cumulative ?? candidates[0];
    if (best) rows.push(best);
    else if (document.province) missing.push(document.province);
  }
  for (const province of query.provinces) {
    if (!documents.some((d) => d.province === province) && !missing.includes(province)) missing.push(province);
  }
  if (rows.length === 0) {
    draft.kind = 'abstain';
    draft.lines.push(t.noTopic);
    return draft;
  }
  const descending = query.order !== 'asc';
  rows.sort((a, b) => (descending ? b.figure.value - a.figure.value : a.figure.value - b.figure.value));
  const label = indicatorLabel(indicator.id, lang) ?? indicator.matched;
  draft.lines.push(t.compareTitle(label));
  for (const row of rows) {
    const text = passageFullText(row.result.passage);
    const n = citations.cite(row.result.passage, row.result.document, quoteFor(text, row.figure.start, row.figure.end));
    draft.figures.push(toAnswerFigure(row.figure, n));
    const period = row.result.document.periodLabel;
    const periodPart = period && numbersTraceable(period, [text, query.question]) ? ` (${period})` : '';
    // Bullets, not numbers: a row number would be a number no report holds.
    const cumulativePart = isCumulative(row) ? ` (${t.cumulative})` : '';
    draft.lines.push(
      `• ${row.result.document.province ?? row.result.document.title}${periodPart}: ${renderFigure(row.figure, lang)}${cumulativePart} [${n}]`,
    );
  }
  if (rows.length > 1) {
    const first = rows[0]!.result.document.province;
    draft.lines.push(`${capitalize(descending ? t.highest : t.lowest)}: ${first}.`);
  }
  const periods = new Set(rows.map((r) => r.result.document.periodKey ?? r.result.document.file));
  if (periods.size > 1) draft.lines.push(t.periodsDiffer);
  if (missing.length > 0) draft.lines.push(t.compareMissing(missing.join(', ')));
  return draft;
}

/** A year-to-date figure (`lũy kế 10 tháng đưa 742 lao động`), of the same unit as the month's own when one is given. */
function isCumulative(s: ScoredFigure, like?: ScoredFigure): boolean {
  if (like && s.figure.unit !== like.figure.unit) return false;
  return s.figure.qualifier === 'lũy kế' || /\bluy ke\b/.test(s.context);
}
