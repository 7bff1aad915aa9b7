import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { LabelledSet } from '../src/answer/fitRanker.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The real reports beside the repository (`../shared/eval/real`); absent on machines without it. */
export const REAL_SET: LabelledSet = {
  name: 'real',
  questions: join(REPO_ROOT, '../shared/eval/real/questions.jsonl'),
  reports: join(REPO_ROOT, '../shared/eval/real/reports'),
};

/** The development questions: the shared copy beside the repository when present, else the committed one. */
export const DEV_QUESTIONS = [
  join(REPO_ROOT, '../shared/eval/questions.dev.jsonl'),
  join(REPO_ROOT, 'test/fixtures/eval/questions.dev.jsonl'),
].find((p) => existsSync(p))!;

/** Every labelled set the project has: the figure ranker is fitted on all of them, cross-validated by report. */
export function labelledSets(): LabelledSet[] {
  const sets: LabelledSet[] = [
    { name: 'dev', questions: DEV_QUESTIONS, reports: join(REPO_ROOT, 'data/reports') },
    ...['holdout', 'holdout2', 'holdout3'].map((h) => ({
      name: h,
      questions: join(REPO_ROOT, 'test/fixtures', h, 'questions.jsonl'),
      reports: join(REPO_ROOT, 'test/fixtures', h, 'reports'),
    })),
  ];
  if (existsSync(REAL_SET.questions)) sets.push(REAL_SET);
  return sets;
}
