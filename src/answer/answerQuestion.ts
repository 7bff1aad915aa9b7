import type { Retriever } from '../search/retriever.js';
import { termWeights } from '../search/retriever.js';
import { expandProvince, mergedInto } from '../ingest/provinces.js';
import { periodCovers } from '../search/periodMatch.js';
import { parseQuery, type ParsedQuery } from '../search/query.js';
import type { CorpusStore } from '../store/corpusStore.js';
import { abstain } from './abstain.js';
import { answerWithFigure } from './answerFigure.js';
import { getIndicator } from '../figures/taxonomy.js';
import { relatedIndicator } from './indicatorMatch.js';
import { fold } from '../text/normalize.js';
import { compareProvinces } from './compare.js';
import type { ComposeContext, Draft } from './draft.js';
import { factCheck } from './factcheck.js';
import type { RankerModel } from './rankFigures.js';
import { AnswerSchema, type Answer, type Confidence } from './schema.js';
import { TEXTS } from './texts.js';
import { numbersTraceable } from './traceability.js';
import type { AskOptions } from './types.js';

export interface AnswerDeps {
  store: CorpusStore;
  retriever: Retriever;
  ranker: RankerModel;
}

/** Below this share of its words in the best passage, a question with no known indicator is off-topic. */
const OFF_TOPIC_COVERAGE = 0.5;

/** Turns a question into one of the four replies, every number traceable to a cited passage. */
export async function answerQuestion(question: string, options: AskOptions, deps: AnswerDeps): Promise<Answer> {
  const started = performance.now();
  const query = understandQuestion(question, options, deps.store);
  const parsed = performance.now();
  const retrieval = await deps.retriever.retrieve(query, { limit: 10 });
  const retrieved = performance.now();
  const ctx: ComposeContext = {
    query,
    retrieval,
    lang: query.lang,
    store: deps.store,
    figuresOf: (id) => deps.store.figuresOfPassage(id),
    weights: termWeights(deps.store, query),
    ranker: deps.ranker,
  };
  const draft = await decide(ctx, deps);
  if (draft.kind !== 'abstain') draft.lines.unshift(...mergerNotes(ctx, draft));
  const composed = performance.now();

  const citedTexts = [
    query.question,
    ...draft.citations.citations.flatMap((c) => [c.passage_text, c.period ?? '']),
    ...draft.computed.flatMap((c) => [c.text, c.formula]),
  ];
  // The engine emits no number it cannot trace: a line that fails is dropped.
  const lines = draft.lines.filter((line) => numbersTraceable(line, citedTexts));
  const answer: Answer = {
    question: query.question,
    lang: query.lang,
    kind: draft.kind,
    verdict: draft.kind === 'factcheck' ? draft.verdict : null,
    confidence: draft.confidence ?? defaultConfidence(draft),
    answer_text: lines.join('\n'),
    sources_text: draft.sourcesText ?? draft.citations.sourcesText(),
    citations: draft.citations.citations,
    figures: draft.figures,
    computed: draft.computed,
    retrieval: {
      mode: retrieval.mode,
      candidates: retrieval.results.slice(0, 5).map((r) => ({
        passage_id: r.passage.pid,
        doc: r.document.file,
        score: Math.round(r.score * 1e4) / 1e4,
        text: r.passage.footnotes ? `${r.passage.text}\n${r.passage.footnotes}` : r.passage.text,
      })),
    },
    timings_ms: {
      parse: round(parsed - started),
      retrieve: round(retrieved - parsed),
      compose: round(composed - retrieved),
      total: round(performance.now() - started),
    },
  };
  return AnswerSchema.parse(answer);
}

/** The question as the engine understands it, against the words the store holds. */
export function understandQuestion(question: string, options: AskOptions, store: CorpusStore): ParsedQuery {
  const query = parseQuery(question);
  if (options.intent) query.intent = options.intent;
  if (query.lang === 'en') {
    // English words the glossary did not translate stand in no report; they would only dilute coverage.
    const known = store.termDocFreq(query.terms);
    query.terms = query.terms.filter((t) => (known.get(t) ?? 0) > 0);
    query.pairs = query.pairs.filter((p) => p.split(' ').every((t) => query.terms.includes(t)));
  }
  return query;
}

async function decide(ctx: ComposeContext, deps: AnswerDeps): Promise<Draft> {
  const { query, retrieval, lang } = ctx;
  const all = ctx.store.documents();
  if (query.provinces.length > 0 && retrieval.documents.length === 0) {
    // `Thời tiết Hà Nội` is off-topic before it is a province without reports.
    const unscoped = await deps.retriever.retrieve({ ...query, provinces: [], expandedProvinces: [] }, { limit: 1 });
    if (!onTopic(query, unscoped.results[0]?.coverage)) return abstain('off_topic', lang, all);
    return abstain('no_province', lang, all, retrieval.missingProvinces);
  }
  if (query.intent === 'compare') {
    const scoped = query.provinces.length >= 2 ? retrieval : { ...retrieval, documents: all };
    return compareProvinces({ ...ctx, retrieval: scoped });
  }
  if (query.intent === 'factcheck') return factCheck(ctx);
  if (!periodHeld(ctx)) {
    // No report of the asked period; a figure whose own clause names that period still answers (`rà soát cuối năm 2023`).
    const draft = answerWithFigure(ctx);
    if (draft && draft.confidence?.outcome === 'answer') return draft;
    return abstain('no_period', lang, retrieval.documents, query.provinces);
  }
  if (!topicCovered(ctx)) return abstain('no_topic', lang, all, query.provinces);
  if (!onTopic(query, retrieval.results[0]?.coverage)) {
    return abstain(query.provinces.length > 0 ? 'no_topic' : 'off_topic', lang, all, query.provinces);
  }
  return answerWithFigure(ctx) ?? abstain('no_topic', lang, all, query.provinces);
}

/** The asked year (or month, or months) is one the province's reports cover; no period asked is fine. */
function periodHeld(ctx: ComposeContext): boolean {
  const period = ctx.query.period;
  if (!period || ctx.query.provinces.length === 0) return true;
  return ctx.retrieval.documents.some((d) => periodCovers(d, period));
}

/**
 * The asked indicator stands somewhere in what was retrieved: a figure of it,
 * or its words. A province's reports that never speak of it answer "not
 * covered", never with another indicator's figure.
 */
function topicCovered(ctx: ComposeContext): boolean {
  const asked = ctx.query.indicators;
  if (asked.length === 0 || ctx.query.intent !== 'answer' || ctx.query.provinces.length === 0) return true;
  // Any of the ways the taxonomy writes an asked indicator (or one related to it) counts.
  const phrases = asked.flatMap((i) => [
    i.matched,
    ...(getIndicator(i.id)?.terms ?? []),
    ...(getIndicator(getIndicator(i.id)?.parent ?? '')?.terms ?? []),
  ]);
  const folded = [
    ...new Set(
      phrases.map(
        (p) =>
          ` ${fold(p)
            .replace(/[^a-z0-9]+/g, ' ')
            .trim()} `,
      ),
    ),
  ];
  return ctx.retrieval.results.some((r) => {
    if (
      ctx.figuresOf(r.passage.id).some((f) => f.indicator && asked.some((i) => relatedIndicator(f.indicator!, i.id)))
    ) {
      return true;
    }
    const text = ` ${fold(r.passage.text).replace(/[^a-z0-9]+/g, ' ')} `;
    return folded.some((p) => text.includes(p));
  });
}

/** A question about welfare work names an indicator, or most of its words stand in some passage. */
function onTopic(query: ComposeContext['query'], bestCoverage: number | undefined): boolean {
  return query.indicators.length > 0 || (bestCoverage ?? 0) >= OFF_TOPIC_COVERAGE;
}

/** `Ninh Bình` asked, `Hà Nam` answered: say that the province was merged into the one asked. */
function mergerNotes(ctx: ComposeContext, draft: Draft): string[] {
  const held = new Set(ctx.retrieval.documents.map((d) => d.province));
  const cited = new Set(draft.citations.citations.map((c) => c.province));
  const notes: string[] = [];
  for (const asked of ctx.query.provinces) {
    // `Long An` asked, today's `Tây Ninh` answered: the province it was merged into reports on it now.
    const unit = mergedInto(asked);
    if (unit && unit !== asked && cited.has(unit)) {
      notes.push(TEXTS[ctx.lang].absorbedNote(asked, unit));
      continue;
    }
    if (held.has(asked)) continue;
    const merged = [...held].filter((p): p is string => p !== null && expandProvince(asked).includes(p));
    if (merged.length > 0) notes.push(TEXTS[ctx.lang].mergedNote(asked, merged.join(', ')));
  }
  return notes;
}

/** Replies that state no ranked figure: an abstain has no data; a comparison stands on its rows. */
function defaultConfidence(draft: Draft): Confidence {
  if (draft.kind === 'abstain') return { outcome: 'no_data', score: 0 };
  return { outcome: draft.figures.length > 0 ? 'answer' : 'no_data', score: draft.figures.length > 0 ? 1 : 0 };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
