import { expect, test } from 'vitest';
import { createAnswerCache, otherCandidates, type CachedAnswer } from '../../src/bot/answerCache.js';
import type { Answer } from '../../src/answer/schema.js';

const entry = (question: string): CachedAnswer => ({
  question,
  answerText: 'a',
  lang: 'vi',
  citations: [],
  others: [],
  voters: new Set(),
});

test('forgets the least recently used answer first', () => {
  const cache = createAnswerCache(2);
  const a = cache.put(entry('a'));
  const b = cache.put(entry('b'));
  cache.get(a);
  const c = cache.put(entry('c'));
  expect(cache.get(b)).toBeUndefined();
  expect(cache.get(a)?.question).toBe('a');
  expect(cache.get(c)?.question).toBe('c');
  expect(cache.size).toBe(2);
});

test('ids are short and url-safe', () => {
  const id = createAnswerCache().put(entry('x'));
  expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
});

test('other results leave out cited passages and repeats, in retrieval order', () => {
  const candidates = ['p1', 'p2', 'p1', 'p3'].map((passage_id, i) => ({
    passage_id,
    doc: 'd',
    score: 1 - i / 10,
    text: passage_id,
  }));
  const answer = { citations: [{ passage_id: 'p2' }], retrieval: { mode: 'lexical', candidates } } as unknown as Answer;
  expect(otherCandidates(answer).map((c) => c.passage_id)).toEqual(['p1', 'p3']);
});
