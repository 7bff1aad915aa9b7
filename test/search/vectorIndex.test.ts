import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { loadEmbedder, type Embedder } from '../../src/search/embedder.js';
import {
  INDEX_FILE,
  IndexCorruptError,
  IndexMismatchError,
  MANIFEST_FILE,
  createVectorIndex,
  openVectorIndex,
  type VectorIndex,
} from '../../src/search/vectorIndex.js';
import { openOrRebuild, syncVectors, type PassageSource } from '../../src/search/vectorSync.js';

const MODEL = 'test/model';
const DIM = 16;

/** Seeded, so a failing case fails the same way every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function unitVectors(count: number, dim: number, seed: number): Float32Array[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, () => {
      const r = Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12)));
      return r * Math.cos(2 * Math.PI * next());
    });
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function capturingLogger(): { logger: pino.Logger; lines: () => string[] } {
  const out: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => out.push(JSON.parse(line).msg as string) });
  return { logger, lines: () => out };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ansinh-vectors-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function newIndex(options = {}): VectorIndex {
  return createVectorIndex({ dir, modelId: MODEL, dimension: DIM }, options);
}

function reopen(identity: { modelId?: string; dimension?: number } = {}): VectorIndex | null {
  return openVectorIndex({ dir, modelId: identity.modelId ?? MODEL, dimension: identity.dimension ?? DIM });
}

describe('vector index', () => {
  test('finds a stored vector as its own nearest neighbour with cosine score 1', () => {
    const index = newIndex();
    const vectors = unitVectors(50, DIM, 1);
    index.add(range(100, 50), vectors);
    const [best] = index.search(vectors[7]!, 3);
    expect(best!.label).toBe(107);
    expect(best!.score).toBeCloseTo(1, 5);
  });

  test('scores are cosine similarities, best first', () => {
    const index = newIndex();
    const vectors = unitVectors(20, DIM, 2);
    index.add(range(0, 20), vectors);
    const hits = index.search(vectors[0]!, 5);
    for (const hit of hits) expect(hit.score).toBeCloseTo(dot(vectors[0]!, vectors[hit.label]!), 5);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  test('returns at most the live vectors, and nothing from an empty index', () => {
    const index = newIndex();
    expect(index.search(unitVectors(1, DIM, 3)[0]!, 10)).toEqual([]);
    index.add([1, 2], unitVectors(2, DIM, 4));
    expect(index.search(unitVectors(1, DIM, 5)[0]!, 10)).toHaveLength(2);
  });

  test('searchAmong is exact cosine among the given labels, before and after a save and reopen', () => {
    const index = newIndex();
    const vectors = unitVectors(300, DIM, 5);
    // Stored unnormalised: cosine must not depend on length.
    index.add(
      range(1, 300),
      vectors.map((v, i) => v.map((x) => x * (1 + (i % 3)))),
    );
    index.remove([10]);
    const among = range(1, 300).filter((l) => l % 7 === 3);
    const query = unitVectors(1, DIM, 6)[0]!;
    const exact = among
      .filter((l) => l !== 10)
      .map((label) => ({ label, score: dot(query, vectors[label - 1]!) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    const check = (hits: { label: number; score: number }[]) => {
      expect(hits.map((h) => h.label)).toEqual(exact.map((h) => h.label));
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(exact[i]!.score, 5));
    };
    check(index.searchAmong(query, 5, among));
    index.save(null);
    check(reopen()!.searchAmong(query, 5, among));
    expect(index.searchAmong(query, 5, [10, 999])).toEqual([]);
  });

  test('the filter keeps other labels out of the results', () => {
    const index = newIndex();
    const vectors = unitVectors(100, DIM, 6);
    index.add(range(0, 100), vectors);
    const hits = index.search(vectors[0]!, 10, (label) => label % 2 === 1);
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => h.label % 2 === 1)).toBe(true);
  });

  test('removed labels leave search results and labels()', () => {
    const index = newIndex();
    const vectors = unitVectors(30, DIM, 7);
    index.add(range(0, 30), vectors);
    expect(index.remove([3, 4, 999])).toBe(2);
    expect(index.labels().has(3)).toBe(false);
    expect(index.size).toBe(28);
    expect(index.search(vectors[3]!, 30).map((h) => h.label)).not.toContain(3);
  });

  test('adding a removed label brings it back with the new vector', () => {
    const index = newIndex();
    const [a, b] = unitVectors(2, DIM, 8);
    index.add([5], [a!]);
    index.remove([5]);
    index.add([5], [b!]);
    expect(index.size).toBe(1);
    expect(index.search(b!, 1)[0]).toMatchObject({ label: 5 });
    expect(index.search(b!, 1)[0]!.score).toBeCloseTo(1, 5);
  });

  test('adding an existing label replaces its vector', () => {
    const index = newIndex();
    const [a, b] = unitVectors(2, DIM, 9);
    index.add([1], [a!]);
    index.add([1], [b!]);
    expect(index.size).toBe(1);
    expect(index.search(b!, 1)[0]!.score).toBeCloseTo(1, 5);
  });

  test('rejects a vector of the wrong dimension', () => {
    expect(() => newIndex().add([1], [new Float32Array(DIM + 1)])).toThrow(/17 dims, index has 16/);
  });

  test('grows past its initial capacity', () => {
    const index = newIndex({ initialCapacity: 8 });
    const vectors = unitVectors(100, DIM, 10);
    for (let i = 0; i < 100; i += 10) index.add(range(i, 10), vectors.slice(i, i + 10));
    expect(index.size).toBe(100);
    expect(index.capacity).toBeGreaterThanOrEqual(100);
    expect(index.search(vectors[99]!, 1)[0]!.label).toBe(99);
  });

  test('save then open gives the same labels, results and corpus hash', () => {
    const index = newIndex({ initialCapacity: 8 });
    const vectors = unitVectors(40, DIM, 11);
    index.add(range(0, 40), vectors);
    index.remove([0, 1]);
    index.save('corpus-1');
    const loaded = reopen()!;
    expect(loaded.labels()).toEqual(index.labels());
    expect(loaded.corpusHash).toBe('corpus-1');
    expect(loaded.capacity).toBe(index.capacity);
    expect(loaded.search(vectors[20]!, 5)).toEqual(index.search(vectors[20]!, 5));
    expect(loaded.search(vectors[0]!, 40).map((h) => h.label)).not.toContain(0);
  });

  test('an empty index saves, opens and takes vectors again', () => {
    newIndex().save('empty');
    const loaded = reopen()!;
    expect(loaded.size).toBe(0);
    const vectors = unitVectors(3, DIM, 22);
    loaded.add([1, 2, 3], vectors);
    expect(loaded.search(vectors[2]!, 1)[0]!.label).toBe(3);
  });

  test('opening a folder with no saved index gives null', () => {
    expect(reopen()).toBeNull();
  });

  test('save drops deleted slots once they are a large share of the file', () => {
    const index = newIndex();
    const vectors = unitVectors(200, DIM, 12);
    index.add(range(0, 200), vectors);
    index.save('before');
    const before = statSync(join(dir, INDEX_FILE)).size;
    index.remove(range(0, 120));
    index.save('after');
    expect(statSync(join(dir, INDEX_FILE)).size).toBeLessThan(before);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({ count: 80, deleted: [] });
    const loaded = reopen()!;
    expect(loaded.labels()).toEqual(new Set(range(120, 80)));
    expect(loaded.search(vectors[170]!, 1)[0]!.label).toBe(170);
  });

  test('the manifest records model, dimension and counts', () => {
    const index = newIndex();
    index.add([1, 2, 3], unitVectors(3, DIM, 13));
    index.remove([2]);
    index.save('abc');
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({
      schemaVersion: 1,
      modelId: MODEL,
      dimension: DIM,
      count: 2,
      deleted: [2],
      corpusHash: 'abc',
      fileBytes: statSync(join(dir, INDEX_FILE)).size,
    });
  });
});

describe('vector index mismatch', () => {
  beforeEach(() => {
    const index = newIndex();
    index.add([1], unitVectors(1, DIM, 14));
    index.save('h');
  });

  test('another model id is refused with both ids', () => {
    let error: unknown;
    try {
      reopen({ modelId: 'other/model' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(IndexMismatchError);
    expect((error as IndexMismatchError).saved).toMatchObject({ modelId: MODEL, dimension: DIM });
    expect((error as IndexMismatchError).wanted).toMatchObject({ modelId: 'other/model' });
    expect((error as Error).message).toContain(`model changed from ${MODEL} to other/model`);
  });

  test('another dimension is refused', () => {
    expect(() => reopen({ dimension: 32 })).toThrow(/dimension changed from 16 to 32/);
  });

  test('another format version is refused', () => {
    const path = join(dir, MANIFEST_FILE);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), schemaVersion: 0 }));
    expect(() => reopen()).toThrow(IndexMismatchError);
    expect(() => reopen()).toThrow(/format changed from v0 to v1/);
  });

  test('openOrRebuild says the model changed and starts empty', () => {
    const { logger, lines } = capturingLogger();
    const index = openOrRebuild({ dir, modelId: 'other/model', dimension: DIM, logger });
    expect(index.size).toBe(0);
    expect(index.modelId).toBe('other/model');
    expect(lines()).toContain(`rebuilding vector index: model changed from ${MODEL} to other/model`);
  });

  test('openOrRebuild opens a matching index as is', () => {
    const { logger, lines } = capturingLogger();
    expect(openOrRebuild({ dir, modelId: MODEL, dimension: DIM, logger }).size).toBe(1);
    expect(lines()).toEqual([]);
  });
});

describe('vector index files', () => {
  test('stale .tmp files from an interrupted save are ignored', () => {
    const index = newIndex();
    const vectors = unitVectors(10, DIM, 15);
    index.add(range(0, 10), vectors);
    index.save('good');
    // A crash while writing the next save leaves half-written temporaries behind.
    writeFileSync(join(dir, `${INDEX_FILE}.tmp`), 'half an index');
    writeFileSync(join(dir, `${MANIFEST_FILE}.tmp`), '{"schemaVersion":');
    const loaded = reopen()!;
    expect(loaded.corpusHash).toBe('good');
    expect(loaded.search(vectors[4]!, 1)[0]!.label).toBe(4);
  });

  test('a later save overwrites stale .tmp files', () => {
    writeFileSync(join(dir, `${INDEX_FILE}.tmp`), 'junk');
    const index = newIndex();
    index.add([1], unitVectors(1, DIM, 16));
    index.save('x');
    expect(existsSync(join(dir, `${INDEX_FILE}.tmp`))).toBe(false);
    expect(reopen()!.size).toBe(1);
  });

  test('an index file that does not match its manifest is refused', () => {
    // As after a crash between the two renames: the new index file beside the old manifest.
    const first = newIndex();
    first.add([1], unitVectors(1, DIM, 17));
    first.save('one');
    copyFileSync(join(dir, MANIFEST_FILE), join(dir, 'old.json'));
    first.add([2, 3], unitVectors(2, DIM, 18));
    first.save('two');
    copyFileSync(join(dir, 'old.json'), join(dir, MANIFEST_FILE));
    expect(() => reopen()).toThrow(IndexCorruptError);
  });

  test('a truncated index file is refused, and openOrRebuild starts over', () => {
    const index = newIndex();
    index.add(range(0, 10), unitVectors(10, DIM, 19));
    index.save('x');
    const path = join(dir, INDEX_FILE);
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    expect(() => reopen()).toThrow(/bytes, manifest says/);
    const { logger, lines } = capturingLogger();
    expect(openOrRebuild({ dir, modelId: MODEL, dimension: DIM, logger }).size).toBe(0);
    expect(lines()[0]).toMatch(/^rebuilding vector index: saved index is unusable/);
  });

  test('a manifest that is not valid is refused', () => {
    newIndex().save('x');
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ schemaVersion: 1, modelId: MODEL }));
    expect(() => reopen()).toThrow(IndexCorruptError);
  });
});

describe('vector index recall', () => {
  test('recall@10 against brute force is at least 0.98 on 2,000 random 64-dim vectors', () => {
    const dim = 64;
    const data = unitVectors(2000, dim, 20);
    const queries = unitVectors(100, dim, 21);
    const index = createVectorIndex({ dir, modelId: MODEL, dimension: dim });
    index.add(range(0, data.length), data);
    let found = 0;
    for (const query of queries) {
      const truth = new Set(
        data
          .map((v, label) => ({ label, score: dot(query, v) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, 10)
          .map((h) => h.label),
      );
      found += index.search(query, 10).filter((h) => truth.has(h.label)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.98);
  });
});

describe('syncVectors', () => {
  const logger = createLogger('silent');
  let embedder: Embedder;
  beforeEach(async () => {
    const load = await loadEmbedder({
      modelId: 'ansinh/tiny-test-model',
      modelDir: join(import.meta.dirname, '..', 'fixtures', 'test-model'),
      offline: true,
      logger,
    });
    embedder = load.embedder!;
  });

  function memorySource(passages: Map<number, string>): PassageSource {
    return {
      passageIds: () => [...passages.keys()],
      passageTexts: (ids) => ids.filter((id) => passages.has(id)).map((id) => ({ id, text: passages.get(id)! })),
    };
  }

  const PASSAGES: [number, string][] = [
    [1, 'Tỷ lệ hộ nghèo giảm còn 2,1%'],
    [2, 'Giải quyết việc làm cho 15.000 lao động'],
    [3, 'Chăm sóc trẻ em có hoàn cảnh đặc biệt'],
    [4, 'Thăm, tặng quà người có công với cách mạng'],
  ];

  function indexFor(e: Embedder): VectorIndex {
    return createVectorIndex({ dir, modelId: e.modelId, dimension: e.dimension });
  }

  test('embeds every passage of a new corpus and saves', async () => {
    const index = indexFor(embedder);
    const result = await syncVectors({
      index,
      embedder,
      source: memorySource(new Map(PASSAGES)),
      logger,
      chunkSize: 3,
    });
    expect(result).toEqual({ added: 4, removed: 0 });
    expect(index.labels()).toEqual(new Set([1, 2, 3, 4]));
    expect(openVectorIndex({ dir, modelId: embedder.modelId, dimension: embedder.dimension })!.size).toBe(4);
  });

  test('adds new passages and removes gone ones, leaving the rest', async () => {
    const passages = new Map(PASSAGES);
    const index = indexFor(embedder);
    await syncVectors({ index, embedder, source: memorySource(passages), logger });
    passages.delete(2);
    passages.set(5, 'Đào tạo nghề cho lao động nông thôn');
    expect(await syncVectors({ index, embedder, source: memorySource(passages), logger })).toEqual({
      added: 1,
      removed: 1,
    });
    expect(index.labels()).toEqual(new Set([1, 3, 4, 5]));
    expect(await syncVectors({ index, embedder, source: memorySource(passages), logger })).toEqual({
      added: 0,
      removed: 0,
    });
  });

  test('a synced index answers an accent-free query with the matching passage', async () => {
    const index = indexFor(embedder);
    await syncVectors({ index, embedder, source: memorySource(new Map(PASSAGES)), logger });
    const [query] = await embedder.embed(['ho ngheo'], 'query');
    expect(index.search(query!, 1)[0]!.label).toBe(1);
  });

  test('records the corpus hash the source gives', async () => {
    const index = indexFor(embedder);
    const source = { ...memorySource(new Map(PASSAGES)), corpusHash: () => 'store-hash' };
    await syncVectors({ index, embedder, source, logger });
    expect(openVectorIndex({ dir, modelId: embedder.modelId, dimension: embedder.dimension })!.corpusHash).toBe(
      'store-hash',
    );
  });

  test('refuses an index built for another model', async () => {
    const index = createVectorIndex({ dir, modelId: 'other/model', dimension: embedder.dimension });
    await expect(syncVectors({ index, embedder, source: memorySource(new Map(PASSAGES)), logger })).rejects.toThrow(
      /model changed from other\/model to ansinh\/tiny-test-model/,
    );
  });
});
