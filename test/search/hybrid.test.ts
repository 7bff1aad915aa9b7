import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { readEvalFile } from '../../src/answer/evaluate.js';
import type { Engine } from '../../src/answer/types.js';
import { createLogger } from '../../src/logger.js';
import { openVectorIndex } from '../../src/search/vectorIndex.js';
import { CorpusStore } from '../../src/store/corpusStore.js';
import { copyReports, DEV_QUESTIONS, REPO_ROOT, removeDir, testConfig } from '../helpers.js';

/** The tiny real ONNX model written by scripts/make-test-model.ts, loaded through the product's code. */
const TEST_MODEL = {
  MODEL_ID: 'ansinh/tiny-test-model',
  MODEL_DIR: join(REPO_ROOT, 'test/fixtures/test-model'),
  OFFLINE: true,
};

describe('hybrid search with the test model', () => {
  let engine: Engine;
  const config = testConfig({ ...TEST_MODEL, SEARCH_MODE: 'auto' });
  beforeAll(async () => {
    engine = await createEngine({ config, logger: createLogger('silent') });
  });
  afterAll(() => {
    engine.close();
    removeDir(join(config.INDEX_DIR, '..'));
  });

  test('runs ingest → vectors → HNSW → fused search, and the JSON says hybrid', async () => {
    expect(engine.mode).toBe('hybrid');
    const answer = await engine.ask('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    expect(answer.retrieval.mode).toBe('hybrid');
    expect(answer.answer_text).toContain('2,11%');
  });

  test('the passage holding the snippet is first for ≥85% and in the first five for ≥95%', async () => {
    const questions = readEvalFile(DEV_QUESTIONS).filter((q) => q.expect_snippet);
    let first = 0;
    let topFive = 0;
    for (const q of questions) {
      const rank = (await engine.ask(q.question)).retrieval.candidates.findIndex((c) =>
        c.text.includes(q.expect_snippet),
      );
      if (rank === 0) first++;
      if (rank >= 0) topFive++;
    }
    console.log(`hybrid: first ${first}/${questions.length}, first five ${topFive}/${questions.length}`);
    expect(first / questions.length).toBeGreaterThanOrEqual(0.85);
    expect(topFive / questions.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('removing a report', () => {
  test('removes its passages from the full-text index and the vector index', async () => {
    const reports = copyReports();
    const config = testConfig({ ...TEST_MODEL, SEARCH_MODE: 'auto', REPORTS_DIR: reports });
    const logger = createLogger('silent');
    const first = await createEngine({ config, logger });
    first.close();
    const removed = '002_b7ed6daf0c81323d.txt';
    const before = new CorpusStore(config.INDEX_DIR);
    const doomed = before.passageIds().filter((id) => before.passage(id)!.pid.startsWith(removed));
    before.close();
    expect(doomed.length).toBeGreaterThan(0);

    rmSync(join(reports, removed));
    const second = await createEngine({ config, logger });
    const answer = await second.ask('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
    expect(answer.kind).toBe('abstain');
    second.close();

    const store = new CorpusStore(config.INDEX_DIR);
    expect(store.passageIds().some((id) => doomed.includes(id))).toBe(false);
    expect(store.lexical.search({ terms: [{ text: '5 915' }], limit: 10 })).toEqual([]);
    store.close();
    const vectors = openVectorIndex({ dir: config.INDEX_DIR, modelId: TEST_MODEL.MODEL_ID, dimension: 64 });
    expect(vectors).not.toBeNull();
    const live = vectors!.labels();
    expect(doomed.some((id) => live.has(id))).toBe(false);
    expect(live.size).toBeGreaterThan(0);
    removeDir(join(reports, '..'));
    removeDir(join(config.INDEX_DIR, '..'));
  });
});
