import { afterEach, describe, expect, test } from 'vitest';
import { CorpusStore, type DocumentInput } from '../../src/store/corpusStore.js';
import { documentInput, passageInput, removeDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function openStore(): CorpusStore {
  const dir = tempDir();
  dirs.push(dir);
  return new CorpusStore(dir);
}

function doc(file: string, hash = 'h1'): DocumentInput {
  return documentInput(file, { hash });
}

const passage = passageInput;

describe('CorpusStore', () => {
  test('finds a passage by accent-free and accented words', () => {
    const store = openStore();
    store.replaceDocument(doc('a.txt'), [
      passage(1, 'Tỷ lệ hộ nghèo giảm còn 2,11%'),
      passage(2, 'Đào tạo nghề cho 20.800 người'),
    ]);
    expect(
      store.lexical.search({ terms: [{ text: 'ho ngheo' }], limit: 5 }).map((h) => store.passage(h.passageId)!.pid),
    ).toEqual(['a.txt#1']);
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

  test('phrases match adjacent syllables only, through pair tokens, and count by their rarest pair', () => {
    const store = openStore();
    store.replaceDocument(doc('a.txt'), [
      passage(1, 'Tỷ lệ hộ nghèo giảm còn 2,11%'),
      passage(2, 'hộ cận nghèo và hộ mới thoát nghèo'),
    ]);
    const pids = (text: string, accented = false) =>
      store.lexical.search({ terms: [{ text, accented }], limit: 5 }).map((h) => store.passage(h.passageId)!.pid);
    expect(pids('ho ngheo')).toEqual(['a.txt#1']);
    expect(pids('hộ nghèo', true)).toEqual(['a.txt#1']);
    expect(pids('ho can ngheo')).toEqual(['a.txt#2']);
    expect(pids('ngheo')).toHaveLength(2);
    expect(Object.fromEntries(store.lexical.docFreq(['ngheo', 'ho ngheo', 'ho can ngheo', 'xyz']))).toEqual({
      ngheo: 2,
      'ho ngheo': 1,
      'ho can ngheo': 1,
      xyz: 0,
    });
    store.close();
  });

  test('a scope of provinces, years or documents is applied inside the index query', () => {
    const store = openStore();
    store.replaceDocuments([
      { doc: doc('a.txt'), passages: [passage(1, 'giải quyết việc làm cho 100 người')] },
      {
        doc: { ...doc('b.txt'), province: 'Bắc Kạn', year: 2024 },
        passages: [passage(1, 'giải quyết việc làm cho 200 người')],
      },
      {
        doc: { ...doc('c.txt'), province: 'Bà Rịa - Vũng Tàu', year: 2024 },
        passages: [passage(1, 'giải quyết việc làm cho 300 người')],
      },
    ]);
    const files = (scope: Parameters<typeof store.lexical.search>[0]['scope']) =>
      store.lexical
        .search({ terms: [{ text: 'viec lam' }], scope, limit: 5 })
        .map((h) => store.passage(h.passageId)!.pid)
        .sort();
    expect(files(undefined)).toEqual(['a.txt#1', 'b.txt#1', 'c.txt#1']);
    expect(files({ provinces: ['Hà Nam', 'Bà Rịa - Vũng Tàu'] })).toEqual(['a.txt#1', 'c.txt#1']);
    expect(files({ years: [2024] })).toEqual(['b.txt#1', 'c.txt#1']);
    expect(files({ provinces: ['Bắc Kạn'], years: [2023] })).toEqual([]);
    expect(files({ docIds: [store.documentByFile('c.txt')!.id] })).toEqual(['c.txt#1']);
    expect(files({ provinces: [] })).toEqual([]);
    expect(store.documentByFile('b.txt')).toMatchObject({ province: 'Bắc Kạn', passages: 1, figures: 0 });
    expect(store.documentByFile('none.txt')).toBeUndefined();
    store.close();
  });

  test('term counts follow writes, of this store and of another connection', () => {
    const dir = tempDir();
    dirs.push(dir);
    const reader = new CorpusStore(dir);
    const writer = new CorpusStore(dir);
    const docs = (term: string) => reader.lexical.termStats([term]).get(term)!.docs;
    reader.replaceDocument(doc('a.txt'), [passage(1, 'Tỷ lệ hộ nghèo giảm còn 2,11%')]);
    expect(docs('ho ngheo')).toBe(1);
    writer.replaceDocument(doc('b.txt'), [passage(1, 'hộ nghèo được hỗ trợ nhà ở')]);
    expect(docs('ho ngheo')).toBe(2);
    reader.removeDocument('a.txt');
    expect(docs('ho ngheo')).toBe(1);
    writer.close();
    reader.close();
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
