import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readEvalFile } from '../../src/answer/evaluate.js';
import type { Engine } from '../../src/answer/types.js';
import { fold } from '../../src/text/normalize.js';
import { DEV_QUESTIONS, lexicalEngine } from '../helpers.js';

interface RankStats {
  total: number;
  first: number;
  topFive: number;
}

async function snippetRanks(engine: Engine, transform: (q: string) => string = (q) => q): Promise<RankStats> {
  const questions = readEvalFile(DEV_QUESTIONS).filter((q) => q.expect_snippet);
  const stats: RankStats = { total: questions.length, first: 0, topFive: 0 };
  for (const q of questions) {
    const answer = await engine.ask(transform(q.question));
    const rank = answer.retrieval.candidates.findIndex((c) => c.text.includes(q.expect_snippet));
    if (rank === 0) stats.first++;
    if (rank >= 0 && rank < 5) stats.topFive++;
  }
  return stats;
}

const share = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;

describe('retrieval on the development questions, lexical mode', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await lexicalEngine();
  });
  afterAll(() => engine.close());

  test('the passage holding the snippet is first for ≥85% and in the first five for ≥95%', async () => {
    const stats = await snippetRanks(engine);
    console.log(`lexical: first ${share(stats.first, stats.total)}, first five ${share(stats.topFive, stats.total)}`);
    expect(stats.first / stats.total).toBeGreaterThanOrEqual(0.85);
    expect(stats.topFive / stats.total).toBeGreaterThanOrEqual(0.95);
  });

  test('the same questions typed without accents do as well', async () => {
    const accented = await snippetRanks(engine);
    const plain = await snippetRanks(engine, (q) => fold(q));
    console.log(
      `no accents: first ${share(plain.first, plain.total)}, first five ${share(plain.topFive, plain.total)}`,
    );
    expect(plain.first).toBeGreaterThanOrEqual(accented.first - 1);
    expect(plain.topFive / plain.total).toBeGreaterThanOrEqual(0.95);
  });

  test('the answer JSON says the search mode', async () => {
    expect((await engine.ask('Tỷ lệ hộ nghèo Hà Nam năm 2023?')).retrieval.mode).toBe('lexical');
  });
});
