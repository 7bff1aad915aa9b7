import { afterEach, describe, expect, test } from 'vitest';
import { CorpusStore, type DocumentInput, type PassageInput } from '../../src/store/corpusStore.js';
import { removeDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function openStore(): CorpusStore {
  const dir = tempDir();
  dirs.push(dir);
  return new CorpusStore(dir);
}

function doc(file: string, hash = 'h1'): DocumentInput {
  return {
    file,
    hash,
    title: 'Báo cáo',
    province: 'Hà Nam',
    year: 2023,
    periodLabel: 'năm 2023',
    periodKey: '2023',
    periodKind: 'year',
    months: 12,
    sourceUrl: null,
    published: null,
    text: 'x',
    warnings: [],
  };
}

function passage(n: number, text: string): PassageInput {
  return { n, heading: null, text, footnotes: '', start: 0, end: text.length, figures: [] };
}

describe('CorpusStore', () => {
  test('finds a passage by accent-free and accented words', () => {
    const store = openStore();
    store.replaceDocument(doc('a.txt'), [
      passage(1, 'Tỷ lệ hộ nghèo giảm còn 2,11%'),
      passage(2, 'Đào tạo nghề cho 20.800 người'),
    ]);
    expect(store.lexical.search({ terms: [{ text: 'ho ngheo' }], limit: 5 }).map((h) => store.passage(h.passageId)!.pid)).toEqual([
      'a.txt#1',
    ]);
    expect(store.lexical.search({ terms: [{ text: 'hộ nghèo', accented: true }], limit: 5 })).toHaveLength(1);
    // `đ` folds to `d`, which FTS5's own diacritic removal does not do.
    expect(store.lexical.search({ terms: [{ text: 'dao tao' }], limit: 5 })).toHaveLength(1);
    store.close();
  });

  test('replacing a document drops its old passages from the full-text index', () => {
    const store = openStore();
    store.replaceDocument(doc('a.txt'), [passage(1, 'giải quyết việc làm')]);
    store.replaceDocument(doc('a.txt', 'h2'), [passage(1, 'cai nghiện ma túy')]);
    expect(store.lexical.search({ terms: [{ text: 'viec lam' }], limit: 5 })).toHaveLength(0);
    expect(store.lexical.search({ terms: [{ text: 'cai nghien' }], limit: 5 })).toHaveLength(1);
    expect(store.documentHash('a.txt')).toBe('h2');
    store.close();
  });

  test('removing a document removes passages, figures and index rows', () => {
    const store = openStore();
    store.replaceDocument(doc('a.txt'), [passage(1, 'giải quyết việc làm')]);
    expect(store.removeDocument('a.txt')).toBe(true);
    expect(store.passageIds()).toEqual([]);
    expect(store.lexical.search({ terms: [{ text: 'viec' }], limit: 5 })).toHaveLength(0);
    expect(store.removeDocument('a.txt')).toBe(false);
    store.close();
  });

  test('question log and feedback feed the stats', () => {
    const store = openStore();
    store.logQuestion({ question: 'a', kind: 'answer', answered: true, lang: 'vi', chatType: 'private' });
    store.logQuestion({ question: 'giá vàng', kind: 'abstain', answered: false, lang: 'vi', chatType: 'group' });
    store.saveFeedback({ question: 'a', answerText: 'b', userHash: 'u', vote: 1 });
    const stats = store.stats(1);
    expect(stats.days[0]).toMatchObject({ questions: 2, answered: 1, nothingFound: 1 });
    expect(stats.unanswered).toEqual(['giá vàng']);
    expect(store.feedbackCount()).toBe(1);
    store.close();
  });
});
