import { afterEach, describe, expect, test } from 'vitest';
import { comparablePassages, lexicalTerms } from '../../src/search/lexicalSearch.js';
import { parseQuery } from '../../src/search/query.js';
import { CorpusStore, type DocumentInput, type PassageInput } from '../../src/store/corpusStore.js';
import { documentInput, passageInput, removeDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function openStore(): CorpusStore {
  const dir = tempDir();
  dirs.push(dir);
  return new CorpusStore(dir);
}

function doc(file: string, province: string): DocumentInput {
  return documentInput(file, { hash: file, province });
}

function passages(texts: string[]): PassageInput[] {
  return texts.map((text, i) => passageInput(i + 1, text));
}

/** Filler about other work: every passage says `lao động`, none says `hộ nghèo`. */
function filler(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `Tập huấn an toàn lao động đợt ${from + i} cho người lao động.`);
}

describe('term stats', () => {
  test('a syllable or a pair reads its passages; a longer phrase the lists of its pairs', () => {
    const store = openStore();
    store.replaceDocument(
      doc('a.txt', 'Hà Nam'),
      passages(['Tỷ lệ hộ nghèo giảm còn 2,11%', 'hộ nghèo và hộ cận nghèo', 'hộ mới thoát nghèo']),
    );
    const stats = Object.fromEntries(store.lexical.termStats(['ngheo', 'ho ngheo', 'ti le ho ngheo', 'xyz']));
    expect(stats['ngheo']).toEqual({ docs: 3, postings: 3 });
    expect(stats['ho ngheo']).toEqual({ docs: 2, postings: 2 });
    // Pairs `ti_le`, `le_ho`, `ho_ngheo`: the rarest bounds the passages, all three are read.
    expect(stats['ti le ho ngheo']).toEqual({ docs: 1, postings: 1 + 1 + 2 });
    expect(stats['xyz']).toEqual({ docs: 0, postings: 0 });
    store.close();
  });
});

describe('the term budget of a lexical search', () => {
  test('keeps every term when the search fits, and only the one worth most when nothing else does', () => {
    const store = openStore();
    store.replaceDocument(doc('a.txt', 'Hà Nam'), passages(['Tỷ lệ hộ nghèo giảm còn 2,11%', ...filler(30)]));
    const query = parseQuery('tỷ lệ hộ nghèo của người lao động');
    const all = lexicalTerms(store, query);
    expect(all.map((t) => t.text)).toEqual(expect.arrayContaining(['ho ngheo', 'lao dong']));
    // A budget below any term's cost: the rare `hộ nghèo` stays, the everywhere `lao động` goes.
    const tight = lexicalTerms(store, query, 1, 1).map((t) => t.text);
    expect(tight).toHaveLength(1);
    expect(tight).not.toContain('lao dong');
    expect(all.map((t) => t.text)).toContain(tight[0]);
    store.close();
  });

  test('leaves out a term no passage holds', () => {
    const store = openStore();
    store.replaceDocument(doc('a.txt', 'Hà Nam'), passages(['Tỷ lệ hộ nghèo giảm còn 2,11%']));
    const texts = lexicalTerms(store, parseQuery('tỷ lệ hộ nghèo quyzx')).map((t) => t.text);
    expect(texts).toContain('ho ngheo');
    expect(texts.some((t) => t.includes('quyzx'))).toBe(false);
    store.close();
  });
});

describe('passages a comparison ranks', () => {
  test('all of a small province, the best hits of its own reports for a large one, in report order', () => {
    const store = openStore();
    store.replaceDocuments([
      { doc: doc('ha-nam-1.txt', 'Hà Nam'), passages: passages([...filler(20), 'Tỷ lệ hộ nghèo còn 2,11%']) },
      { doc: doc('ha-nam-2.txt', 'Hà Nam'), passages: passages(['Hộ nghèo được hỗ trợ nhà ở', ...filler(20, 20)]) },
      { doc: doc('thai-nguyen.txt', 'Thái Nguyên'), passages: passages(['Tỷ lệ hộ nghèo còn 3,02%', ...filler(3)]) },
      { doc: doc('bac-kan.txt', 'Bắc Kạn'), passages: passages(['Tỷ lệ hộ nghèo còn 14,5%', ...filler(30)]) },
    ]);
    const byFile = (file: string) => store.documentByFile(file)!;
    const haNam = [byFile('ha-nam-1.txt'), byFile('ha-nam-2.txt')];
    const thaiNguyen = [byFile('thai-nguyen.txt')];
    const [large, small] = comparablePassages(store, parseQuery('tỷ lệ hộ nghèo'), [haNam, thaiNguyen], 10);
    // Bắc Kạn is not compared, so its passage is none of Hà Nam's hits; filler says no asked word.
    expect(large!.map((p) => p.pid)).toEqual(['ha-nam-1.txt#21', 'ha-nam-2.txt#1']);
    expect(small!.map((p) => p.pid)).toEqual([
      'thai-nguyen.txt#1',
      'thai-nguyen.txt#2',
      'thai-nguyen.txt#3',
      'thai-nguyen.txt#4',
    ]);
    store.close();
  });
});
