import { parseReferences } from '../figures/references.js';
import { fold } from '../text/normalize.js';
import { CitationList } from './citations.js';
import type { ComposeContext, Draft } from './draft.js';
import { passageFullText, quoteFor } from './figureContext.js';
import { capitalize, indicatorLabel, renderFigure, toAnswerFigure } from './render.js';
import { companions, relatedIndicator, scoreFigures, type ScoredFigure } from './selectFigures.js';
import { TEXTS } from './texts.js';

/** A question asking which document rules something: `theo nghị định nào`, `văn bản nào`, `kế hoạch số mấy`. */
const ASKS_REFERENCE =
  /\b(nghi dinh|nghi quyet|quyet dinh|ke hoach|thong tu|chi thi|van ban|cong van|to trinh|luat)\b[^?]*\b(nao|may|gi|so may|which|what)\b|\b(which|what) (decree|resolution|decision|plan|document)/;

/** Least share of the question's words around a figure for it to count as the answer. */
export const MIN_TERM_SCORE = 0.34;

/** A figure (or a document number) that answers the question, quoted and cited. */
export function answerWithFigure(ctx: ComposeContext): Draft | null {
  if (ASKS_REFERENCE.test(fold(ctx.query.searchText))) {
    const reference = answerWithReference(ctx);
    if (reference) return reference;
  }
  const scored = scoreFigures(ctx.query, ctx.retrieval.results, ctx.figuresOf, ctx.weights);
  const primary = scored.find((s) => !s.future) ?? scored[0];
  if (!primary || !answers(primary, ctx)) return null;
  const extra = companions(ctx.query, primary, scored);
  return compose(ctx, primary, extra);
}

/** The figure answers when it measures the asked indicator or sits among the question's words. */
function answers(primary: ScoredFigure, ctx: ComposeContext): boolean {
  const asked = ctx.query.indicators.map((i) => i.id);
  // The question names an indicator and the figure measures another one: the report lacks the asked figure.
  const figureIndicator = primary.figure.indicator;
  if (
    asked.length > 0 &&
    figureIndicator &&
    !asked.some((id) => relatedIndicator(figureIndicator, id)) &&
    primary.termScore < 0.85
  ) {
    return false;
  }
  // The indicator named (`XKLĐ`) is evidence enough even when none of the question's words stand near the figure.
  if (figureIndicator && asked[0] && relatedIndicator(figureIndicator, asked[0])) return true;
  if (primary.indicatorMatch && primary.termScore >= MIN_TERM_SCORE / 2) return true;
  return (
    (primary.termScore >= MIN_TERM_SCORE && primary.result.coverage >= 0.5) ||
    (primary.termScore >= 0.6 && ctx.query.indicators.length === 0)
  );
}

function compose(ctx: ComposeContext, primary: ScoredFigure, extra: ScoredFigure[]): Draft {
  const { lang } = ctx;
  const citations = new CitationList(lang);
  const draft: Draft = { kind: 'answer', verdict: null, lines: [], citations, figures: [], computed: [] };
  const parts: string[] = [];
  const quotes: { n: number; quote: string }[] = [];
  for (const s of [primary, ...extra]) {
    const text = passageFullText(s.result.passage);
    const quote = quoteFor(text, s.figure.start, s.figure.end);
    const n = citations.cite(s.result.passage, s.result.document, quote);
    draft.figures.push(toAnswerFigure(s.figure, n));
    parts.push(`${renderFigure(s.figure, lang)} [${n}]`);
    if (!quotes.some((q) => q.quote === quote)) quotes.push({ n, quote });
  }
  const label = indicatorLabel(primary.figure.indicator, lang);
  const where = primary.result.document.province;
  const head = [where, label ? capitalize(label) : null].filter(Boolean).join(' · ');
  draft.lines.push(head ? `${head}: ${parts.join('; ')}` : parts.join('; '));
  const t = TEXTS[lang];
  for (const q of quotes) draft.lines.push(`${t.quoteIntro}: «${q.quote}» [${q.n}]`);
  return draft;
}

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
      let found = 0;
      let total = 0;
      for (const term of ctx.query.terms) {
        const w = ctx.weights.get(term) ?? 1;
        total += w;
        if (around.includes(` ${term} `)) found += w;
      }
      const score = (total ? found / total : 0) + 0.15 / (rank + 1);
      if (!best || score > best.score) best = { score, text: ref.text, start: ref.start, end: ref.end, result };
    }
  }
  if (!best || best.score < MIN_TERM_SCORE) return null;
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
    lines: [`${where ? `${where} · ` : ''}${t.reference}: ${best.text} [${n}]`, `${t.quoteIntro}: «${quote}» [${n}]`],
    citations,
    figures: [],
    computed: [],
  };
}
