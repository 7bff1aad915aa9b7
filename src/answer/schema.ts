import { z } from 'zod';

/** The answer object shared by the command line, the bot and the tests. */
export const CitationSchema = z.object({
  n: z.number().int().positive(),
  doc: z.string(),
  province: z.string().nullable(),
  period: z.string().nullable(),
  title: z.string(),
  passage_id: z.string(),
  quote: z.string(),
  passage_text: z.string(),
  source_url: z.string().nullable(),
  /** Where in a table the cited figure stands: `bảng 2 · dòng «…» · cột «…»`; absent for prose. */
  location: z.string().optional(),
});

export const AnswerFigureSchema = z.object({
  text: z.string(),
  value: z.number(),
  unit: z.string().nullable(),
  kind: z.string(),
  indicator: z.string().nullable(),
  citation: z.number().int().positive(),
});

export const ComputedSchema = z.object({
  text: z.string(),
  formula: z.string(),
});

export const CandidateSchema = z.object({
  passage_id: z.string(),
  doc: z.string(),
  score: z.number(),
  text: z.string(),
});

/**
 * How the engine stands behind its reply: `answer` states a figure, `closest`
 * found no figure sure enough and quotes the closest sentences instead,
 * `no_data` has nothing. `score` is the ranker's probability that the stated
 * (or best) figure is the asked one, 0–1.
 */
export const OUTCOMES = ['answer', 'closest', 'no_data'] as const;
export const ConfidenceSchema = z.object({
  outcome: z.enum(OUTCOMES),
  score: z.number().min(0).max(1),
});

export const ANSWER_KINDS = ['answer', 'factcheck', 'compare', 'abstain'] as const;
export const VERDICTS = ['match', 'mismatch', 'not_found'] as const;

export const AnswerSchema = z.object({
  question: z.string(),
  lang: z.enum(['vi', 'en']),
  kind: z.enum(ANSWER_KINDS),
  verdict: z.enum(VERDICTS).nullable(),
  confidence: ConfidenceSchema,
  answer_text: z.string(),
  sources_text: z.string(),
  citations: z.array(CitationSchema),
  figures: z.array(AnswerFigureSchema),
  computed: z.array(ComputedSchema),
  retrieval: z.object({
    mode: z.enum(['lexical', 'hybrid']),
    candidates: z.array(CandidateSchema),
  }),
  timings_ms: z.record(z.string(), z.number()),
});

export type Confidence = z.infer<typeof ConfidenceSchema>;
export type Citation = z.infer<typeof CitationSchema>;
export type AnswerFigure = z.infer<typeof AnswerFigureSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
export type Verdict = (typeof VERDICTS)[number];
