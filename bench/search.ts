/**
 * Search at scale: a synthetic corpus of BENCH_PASSAGES passages (default
 * 100,000) stored through the real CorpusStore, random unit vectors in the
 * project's HNSW index, then query latency for lexical, vector and hybrid
 * search, HNSW recall@10 against exact cosine, and the same queries through
 * exact brute force and through MiniSearch (the lexical library not chosen).
 * A benchmark, not a test: numbers vary with the machine.
 *
 * BENCH_HNSW_SWEEP=1 instead compares HNSW settings on BENCH_SWEEP_SIZE vectors
 * (default 20,000; BENCH_SWEEP_BUILDS=M/efConstruction,…, BENCH_SWEEP_EF=efSearch,…).
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import hnswlib from 'hnswlib-node';
import MiniSearch from 'minisearch';
import { readEvalFile } from '../src/answer/evaluate.js';
import { parseProvinceQuery } from '../src/ingest/provinces.js';
import type { Embedder } from '../src/search/embedder.js';
import { parseQuery, type ParsedQuery } from '../src/search/query.js';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { loadRankerModel } from '../src/answer/rankFigures.js';
import { searchLexical } from '../src/search/lexicalSearch.js';
import { createRetriever, termWeights, vectorSearch } from '../src/search/retriever.js';
import { scopeDocuments } from '../src/search/scope.js';
import {
  INDEX_FILE,
  createVectorIndex,
  openVectorIndex,
  type VectorIndex,
  type VectorIndexOptions,
} from '../src/search/vectorIndex.js';
import { CorpusStore } from '../src/store/corpusStore.js';
import { fold, hasDiacritics } from '../src/text/normalize.js';
import { peakRssMb, percentile, table } from './stats.js';
import { createRng, pick, syntheticDocuments } from './syntheticCorpus.js';

const PASSAGES = Number(process.env.BENCH_PASSAGES ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
/** Queries run before timing each row, so the first one does not pay for cold caches alone. */
const WARMUP = 20;
const DIM = 384;
const DEPTH = 50;
const SWEEP_SIZE = Number(process.env.BENCH_SWEEP_SIZE ?? 20_000);
/**
 * The project's defaults. No cheaper setting keeps recall@10 at 0.98 on uniform random vectors:
 * the sweep at 100k measured 0.92 at M=32/efSearch=1600 and 0.975 at M=48/efSearch=1600 (about
 * 30 ms a query, 500 s to build). Uniform vectors have no neighbourhood structure, the worst case
 * for a graph index; real embeddings are not uniform. Override with BENCH_HNSW_M / _EFC / _EF.
 */
const HNSW: Required<Pick<VectorIndexOptions, 'm' | 'efConstruction' | 'efSearch'>> = {
  m: Number(process.env.BENCH_HNSW_M ?? 16),
  efConstruction: Number(process.env.BENCH_HNSW_EFC ?? 200),
  efSearch: Number(process.env.BENCH_HNSW_EF ?? 200),
};

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ansinh-bench-search-'));
let peakHeapMb = 0;

/** Heap in MB after two full collections (needs --expose-gc; otherwise a noisy reading). */
function settledHeapMb(): number {
  global.gc?.();
  global.gc?.();
  return sampleHeap();
}

function sampleHeap(): number {
  const mb = process.memoryUsage().heapUsed / 1_048_576;
  peakHeapMb = Math.max(peakHeapMb, mb);
  return mb;
}

function progress(message: string): void {
  process.stderr.write(`[bench:search] ${message}\n`);
}

/** Logs memory at a phase boundary; returns the RSS high-water mark so far. */
function memoryNote(phase: string): number {
  const { rss } = process.memoryUsage();
  const peak = peakRssMb();
  progress(
    `${phase}: RSS ${(rss / 1_048_576).toFixed(0)} MB (peak ${peak.toFixed(0)}), heap ${sampleHeap().toFixed(0)} MB`,
  );
  return peak;
}

function elapsedSeconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Milliseconds of each call of `fn` over `items`, after `warmup` untimed calls. */
async function timeEach<T>(items: T[], warmup: T[], fn: (item: T) => unknown): Promise<number[]> {
  for (const item of warmup) await fn(item);
  const ms: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await fn(item);
    ms.push(performance.now() - start);
  }
  sampleHeap();
  return ms;
}

interface Case {
  q: ParsedQuery;
  vector: Float32Array;
  /** Documents of the asked province; undefined when the question names none. */
  docIds: number[] | undefined;
}

type Cell = string | number;
function row(name: string, build: Cell, ms: number[], memory: Cell): Cell[] {
  return [name, build, percentile(ms, 50), percentile(ms, 95), Math.max(...ms), memory];
}

// ---------------------------------------------------------------------------
// Vectors

function randomUnitVectors(count: number, rng: () => number): Float32Array {
  const out = new Float32Array(count * DIM);
  for (let i = 0; i < count; i++) {
    const v = out.subarray(i * DIM, (i + 1) * DIM);
    let norm = 0;
    for (let d = 0; d < DIM; d += 2) {
      // Box–Muller: normal components make the direction uniform on the sphere.
      const r = Math.sqrt(-2 * Math.log(1 - rng()));
      const theta = 2 * Math.PI * rng();
      v[d] = r * Math.cos(theta);
      v[d + 1] = r * Math.sin(theta);
      norm += v[d]! * v[d]! + v[d + 1]! * v[d + 1]!;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < DIM; d++) v[d]! *= scale;
  }
  return out;
}

/**
 * The vectors the benchmark indexes. `clustered` (default): random unit
 * vectors drawn around CLUSTERS random centres, as embeddings of a corpus made
 * of the same report passages varied by province and numbers sit in tight
 * groups. `uniform`: directions uniform on the sphere, the worst case for a
 * graph index (no neighbourhood structure at all). Both are seeded.
 */
const VECTORS = process.env.BENCH_VECTORS === 'uniform' ? 'uniform' : 'clustered';
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 2_000);
/** Length of the noise added to a unit centre before normalising: cosine to the centre ≈ 0.85. */
const CLUSTER_NOISE = 0.6;
let centres: Float32Array | null = null;

function benchVectors(count: number, rng: () => number): Float32Array {
  if (VECTORS === 'uniform') return randomUnitVectors(count, rng);
  centres ??= randomUnitVectors(CLUSTERS, createRng(7));
  const out = new Float32Array(count * DIM);
  for (let i = 0; i < count; i++) {
    // One vector's draws at a time, so that chunked and whole generation give the same vectors.
    const n = randomUnitVectors(1, rng);
    const centre = rowOf(centres, Math.floor(rng() * CLUSTERS));
    const v = out.subarray(i * DIM, (i + 1) * DIM);
    let norm = 0;
    for (let d = 0; d < DIM; d++) {
      v[d] = centre[d]! + CLUSTER_NOISE * n[d]!;
      norm += v[d]! * v[d]!;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < DIM; d++) v[d]! *= scale;
  }
  return out;
}

function rowOf(matrix: Float32Array, i: number): Float32Array {
  return matrix.subarray(i * DIM, (i + 1) * DIM);
}

/** Exact top-k by dot product (= cosine for unit vectors): the ground truth for recall. */
function bruteForce(matrix: Float32Array, labels: ArrayLike<number>, query: Float32Array, k: number): number[] {
  const topScores = new Float64Array(k).fill(-Infinity);
  const topLabels = new Array<number>(k).fill(-1);
  const count = labels.length;
  for (let i = 0; i < count; i++) {
    let dot = 0;
    const base = i * DIM;
    for (let d = 0; d < DIM; d++) dot += matrix[base + d]! * query[d]!;
    if (dot <= topScores[k - 1]!) continue;
    let j = k - 1;
    while (j > 0 && topScores[j - 1]! < dot) {
      topScores[j] = topScores[j - 1]!;
      topLabels[j] = topLabels[j - 1]!;
      j--;
    }
    topScores[j] = dot;
    topLabels[j] = labels[i]!;
  }
  return topLabels.filter((l) => l >= 0);
}

/** hnswlib's exact index (native, SIMD distances): what an exact search would cost without a graph. */
function nativeBruteForce(matrix: Float32Array, labels: number[]): InstanceType<typeof hnswlib.BruteforceSearch> {
  const index = new hnswlib.BruteforceSearch('cosine', DIM);
  index.initIndex(labels.length);
  labels.forEach((label, i) => index.addPoint(Array.from(rowOf(matrix, i)), label));
  return index;
}

/** Share of the exact top 10 (`exactTop[i]`, best first) that HNSW finds for query i. */
function recallAt10(index: VectorIndex, exactTop: number[][], queries: Float32Array[]): number {
  let found = 0;
  queries.forEach((q, i) => {
    const exact = new Set(exactTop[i]!.slice(0, 10));
    found += index.search(q, 10).filter((h) => exact.has(h.label)).length;
  });
  return found / (10 * queries.length);
}

/**
 * Adds `labels` in chunks of 1000, as a sync adds embedded batches; `chunk(start, count)` gives
 * the vectors of labels[start .. start + count), one after another.
 */
function buildIndex(
  dir: string,
  labels: number[],
  chunk: (start: number, count: number) => Float32Array,
  options: VectorIndexOptions,
): VectorIndex {
  const index = createVectorIndex({ dir, modelId: 'bench/random', dimension: DIM }, options);
  let lastLog = performance.now();
  for (let start = 0; start < labels.length; start += 1000) {
    const count = Math.min(1000, labels.length - start);
    const block = chunk(start, count);
    index.add(
      labels.slice(start, start + count),
      Array.from({ length: count }, (_, i) => rowOf(block, i)),
    );
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      progress(`HNSW: ${start + count}/${labels.length} vectors`);
    }
  }
  return index;
}

/** Build time and recall of a few HNSW settings on a subset, to choose the ones the full run uses. */
function sweep(): void {
  const size = SWEEP_SIZE;
  const matrix = randomUnitVectors(size, createRng(2));
  const labels = Array.from({ length: size }, (_, i) => i + 1);
  const queryMatrix = randomUnitVectors(QUERIES, createRng(3));
  const queries = Array.from({ length: QUERIES }, (_, i) => rowOf(queryMatrix, i));
  const builds = (process.env.BENCH_SWEEP_BUILDS ?? '16/200,16/100,32/100,48/100')
    .split(',')
    .map((s) => s.split('/').map(Number));
  const searches = (process.env.BENCH_SWEEP_EF ?? '200,400,800,1600').split(',').map(Number);
  const rows: Cell[][] = [];
  const bfStart = performance.now();
  const exact = nativeBruteForce(matrix, labels);
  const bfBuild = elapsedSeconds(bfStart);
  const bfMs = queries.map((q) => {
    const t = performance.now();
    exact.searchKnn(Array.from(q), DEPTH);
    return performance.now() - t;
  });
  const exactTop = queries.map((q) => bruteForce(matrix, labels, q, 10));
  rows.push(['exact (hnswlib BruteforceSearch)', bfBuild, '1', percentile(bfMs, 50), percentile(bfMs, 95)]);
  for (const [m, efConstruction] of builds) {
    const identity = { dir: join(tmp, `sweep-${m}-${efConstruction}`), modelId: 'bench/random', dimension: DIM };
    const start = performance.now();
    buildIndex(identity.dir, labels, (at, n) => matrix.subarray(at * DIM, (at + n) * DIM), {
      m: m!,
      efConstruction: efConstruction!,
    }).save(null);
    const build = elapsedSeconds(start);
    for (const efSearch of searches) {
      // Reopened from disk: efSearch is a search-time setting, the graph is the same.
      const index = openVectorIndex(identity, { efSearch })!;
      const ms = queries.map((q) => {
        const t = performance.now();
        index.search(q, DEPTH);
        return performance.now() - t;
      });
      const recall = recallAt10(index, exactTop, queries);
      rows.push([
        `M=${m} efC=${efConstruction} ef=${efSearch}`,
        build,
        recall.toFixed(3),
        percentile(ms, 50),
        percentile(ms, 95),
      ]);
      progress(`sweep: ${rows.at(-1)!.join(' ')}`);
    }
  }
  console.log(
    `HNSW settings on ${size} random unit vectors, dim ${DIM}, ${queries.length} random queries, k=${DEPTH}, node ${process.version}\n`,
  );
  console.log(table(['settings', 'build s', 'recall@10', 'p50 ms', 'p95 ms'], rows));
  rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// Questions

/** Replaces every province a question names by a random one of the corpus, keeping the accents as typed. */
function swapProvinces(question: string, provinces: string[], rng: () => number): string {
  const mentions = parseProvinceQuery(question).mentions.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const m of mentions) {
    if (m.start < at) continue;
    const name = pick(rng, provinces);
    out += question.slice(at, m.start) + (hasDiacritics(m.matched) ? name : fold(name));
    at = m.end;
  }
  return out + question.slice(at);
}

/** The development questions with other provinces, every other round without accents, as people type them. */
function benchQuestions(count: number, provinces: string[]): string[] {
  const base = readEvalFile(join(root, 'test/fixtures/eval/questions.dev.jsonl')).map((q) => q.question);
  const rng = createRng(4);
  return Array.from({ length: count }, (_, i) => {
    const swapped = swapProvinces(base[i % base.length]!, provinces, rng);
    return Math.floor(i / base.length) % 2 === 1 ? fold(swapped) : swapped;
  });
}

// ---------------------------------------------------------------------------
// MiniSearch

interface MiniResult {
  build: number;
  heapMb: number;
  terms: number[];
  whole: number[];
  /** Mean top-5 agreement with FTS5: [same passages, same source passage]. */
  overlapTerms: [number, number];
  overlapWhole: [number, number];
}

/** Top-5 shared with FTS5, as a share of FTS5's top 5, after mapping each id through `key`. */
function overlap(a: number[], b: number[], key: (id: number) => string | number): number {
  if (a.length === 0) return b.length === 0 ? 1 : 0;
  const set = new Set(b.slice(0, 5).map(key));
  return a.slice(0, 5).filter((id) => set.has(key(id))).length / Math.min(5, a.length);
}

/**
 * The report passage a synthetic one was copied from: copies differ only in
 * province and numbers, so which copy ranks first is close to a tie.
 */
function sourcePassage(store: CorpusStore): (id: number) => string {
  return (id) => store.passage(id)?.pid.replace(/^synthetic\/\d+_/, '') ?? String(id);
}

async function miniSearchPhase(
  store: CorpusStore,
  timed: Case[],
  warm: Case[],
  fts5Top: number[][],
): Promise<MiniResult> {
  const heapBefore = settledHeapMb();
  const mini = new MiniSearch<{ id: number; heading: string; body: string }>({
    fields: ['heading', 'body'],
    // Text is folded before indexing, as FTS5's body_fold column; lower-casing is all that is left.
    processTerm: (term) => term.toLowerCase(),
    searchOptions: { boost: { heading: 2 }, combineWith: 'OR', prefix: false },
  });
  let build = 0;
  for (const doc of store.documents()) {
    const passages = store.passagesOfDocument(doc.id);
    const start = performance.now();
    for (const p of passages) {
      const body = p.footnotes ? `${p.text}\n${p.footnotes}` : p.text;
      mini.add({ id: p.id, heading: fold(p.heading ?? ''), body: fold(body) });
    }
    build += performance.now() - start;
  }
  const heapMb = settledHeapMb() - heapBefore;
  // Same content words FTS5 gets (its phrases aside): what the project would pass it.
  const termsOf = (q: ParsedQuery) => q.terms.join(' ');
  const topTerms: number[][] = [];
  const terms = await timeEach(timed, warm, ({ q }) => {
    const hits = mini.search(termsOf(q));
    topTerms.push(hits.slice(0, 5).map((h) => h.id as number));
  });
  const topWhole: number[][] = [];
  const whole = await timeEach(timed, warm, ({ q }) => {
    const hits = mini.search(fold(q.searchText));
    topWhole.push(hits.slice(0, 5).map((h) => h.id as number));
  });
  // Warm-up calls pushed first; the timed ones follow.
  const timedTerms = topTerms.slice(warm.length);
  const timedWhole = topWhole.slice(warm.length);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
  const source = sourcePassage(store);
  const agreement = (tops: number[][]): [number, number] => [
    mean(fts5Top.map((top, i) => overlap(top, tops[i]!, (id) => id))),
    mean(fts5Top.map((top, i) => overlap(top, tops[i]!, source))),
  ];
  return {
    build: build / 1000,
    heapMb,
    terms,
    whole,
    overlapTerms: agreement(timedTerms),
    overlapWhole: agreement(timedWhole),
  };
}

// ---------------------------------------------------------------------------

/** What one run measures; `--json` prints it as one object. */
interface Result {
  passages: number;
  build_s: { lexical: number; vectors: number };
  lexical: Latency;
  lexical_province: Latency;
  hybrid: Latency;
  answer: Latency;
  recall_at_10: number;
  peak_rss_mb: number;
  /** Only when MiniSearch ran beside FTS5 (the 100k step of a curve, or BENCH_MINISEARCH=1). */
  minisearch?: Latency;
}

interface Latency {
  p50_ms: number;
  p95_ms: number;
}

function latency(ms: number[]): Latency {
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50_ms: round(percentile(ms, 50)), p95_ms: round(percentile(ms, 95)) };
}

/** Sizes a `--curve` run measures, each in a process of its own so that peak memory is that size's. */
const CURVE = [10_000, 30_000, 100_000, 300_000];
/** Documents written per transaction while the corpus is stored, as ingest batches them. */
const STORE_BATCH = 64;

async function measure(passagesWanted: number, withMiniSearch: boolean, printTable: boolean): Promise<Result> {
  if (!global.gc) progress('run with node --expose-gc (npm run bench:search) for steady heap readings');

  // 1. Corpus through the real store, in batches of documents as ingest writes them.
  const store = new CorpusStore(join(tmp, 'index'));
  let generateMs = 0;
  let storeMs = 0;
  let docs = 0;
  let lastLog = performance.now();
  let start = performance.now();
  let batch: {
    doc: Parameters<CorpusStore['replaceDocument']>[0];
    passages: Parameters<CorpusStore['replaceDocument']>[1];
  }[] = [];
  const flush = () => {
    const t = performance.now();
    store.replaceDocuments(batch);
    storeMs += performance.now() - t;
    batch = [];
  };
  for (const written of syntheticDocuments(passagesWanted)) {
    generateMs += performance.now() - start;
    batch.push(written);
    docs++;
    if (batch.length >= STORE_BATCH) flush();
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      progress(`store: ${docs} documents`);
      sampleHeap();
    }
    start = performance.now();
  }
  flush();
  const passageCount = store.passageCount();
  const documents = store.documents();
  const provinces = [...new Set(documents.map((d) => d.province).filter((p): p is string => p !== null))].sort();
  // WAL mode: recent pages may still sit in the -wal file.
  const walBytes = existsSync(`${store.path}-wal`) ? statSync(`${store.path}-wal`).size : 0;
  const dbMb = (statSync(store.path).size + walBytes) / 1_048_576;
  memoryNote(`store: ${passageCount} passages in ${docs} documents, ${(storeMs / 1000).toFixed(1)} s`);

  // 2. Questions, each with its own random query vector (the query embedding is excluded by design).
  const questions = benchQuestions(QUERIES + WARMUP, provinces);
  const queryVectors = benchVectors(QUERIES + WARMUP, createRng(3));
  const parseMs: number[] = [];
  const cases: Case[] = questions.map((question, i) => {
    const t = performance.now();
    const q = parseQuery(question);
    parseMs.push(performance.now() - t);
    // The asked province's documents, as the retriever scopes them; undefined when none is named.
    const { documents: scope } = scopeDocuments(documents, q);
    const docIds = scope.length < documents.length ? scope.map((d) => d.id) : undefined;
    return { q, vector: rowOf(queryVectors, i), docIds };
  });
  const warm = cases.slice(0, WARMUP);
  const timed = cases.slice(WARMUP);
  const scopedCases = timed.filter((c) => c.docIds);
  const national = (c: Case): ParsedQuery => ({ ...c.q, provinces: [], expandedProvinces: [] });

  // 3. HNSW through the project's index: built chunk by chunk as a sync would (no full matrix
  // held), saved, dropped, and loaded as the bot does at start.
  const labels = store.passageIds();
  const identity = { dir: join(tmp, 'vectors'), modelId: 'bench/random', dimension: DIM };
  const vectorRng = createRng(2);
  start = performance.now();
  let built: VectorIndex | null = buildIndex(identity.dir, labels, (_, n) => benchVectors(n, vectorRng), HNSW);
  const hnswBuild = elapsedSeconds(start);
  start = performance.now();
  built.save(store.corpusHash());
  const saveSeconds = elapsedSeconds(start);
  built = null;
  settledHeapMb();
  start = performance.now();
  const vectors = openVectorIndex(identity, HNSW)!;
  const loadSeconds = elapsedSeconds(start);
  const hnswMb = statSync(join(identity.dir, INDEX_FILE)).size / 1_048_576;
  memoryNote(`HNSW built in ${hnswBuild.toFixed(1)} s`);

  // 4. The product's searches: the retriever's lexical candidates, first over the whole
  // country (the question's province dropped), then inside the asked province.
  const fts5Top: number[][] = [];
  const lexicalAll = await timeEach(timed, warm, (c) => {
    const hits = searchLexical(store, national(c), DEPTH);
    fts5Top.push(hits.slice(0, 5).map((h) => h.passageId));
  });
  fts5Top.splice(0, WARMUP);
  const lexicalProvince = await timeEach(scopedCases, warm, ({ q }) => searchLexical(store, q, DEPTH));
  const weightsMs = await timeEach(timed, warm, ({ q }) => termWeights(store, q));
  memoryNote('lexical queries done');

  const hnswTop: number[][] = [];
  // Top 10 of a k=50 search: the candidate list is max(efSearch, k) either way.
  const hnswMs = await timeEach(timed, warm, ({ vector }) =>
    hnswTop.push(
      vectors
        .search(vector, DEPTH)
        .slice(0, 10)
        .map((h) => h.label),
    ),
  );
  hnswTop.splice(0, WARMUP);

  // The real retriever; this embedder hands back the question's precomputed random vector,
  // so the hybrid timing excludes the query embedding by design.
  let nextVector = queryVectors.subarray(0, DIM);
  const embedder: Embedder = {
    modelId: 'bench/random',
    dimension: DIM,
    embed: async () => [nextVector],
  };
  const retriever = createRetriever({ store, embedder, vectors, depth: DEPTH });
  const hybridMs = await timeEach(timed, warm, ({ q, vector }) => {
    nextVector = vector;
    return retriever.retrieve(q);
  });
  // engine.ask end to end (parse, retrieve, compose, validate) over the same store and vectors.
  const ranker = loadRankerModel();
  const answerMs = await timeEach(timed, warm, ({ q, vector }) => {
    nextVector = vector;
    return answerQuestion(q.question, {}, { store, retriever, ranker });
  });
  // The store's passage cache is private; read here only to explain the heap growth of the hybrid queries.
  const cachedPassages = (store as unknown as { passageCache: Map<number, unknown> }).passageCache.size;
  memoryNote(`hybrid and answer queries done, ${cachedPassages} passages cached by the store`);
  // The retriever's province filter inside the graph walk, alone (its passage lookups now cached).
  const filteredMs = await timeEach(scopedCases, warm, ({ vector, docIds }) => {
    const allowed = new Set(docIds);
    return vectors.search(vector, DEPTH, (label) => {
      const docId = store.docIdOf(label);
      return docId !== undefined && allowed.has(docId);
    });
  });
  // What the retriever runs for a province: exact over the province's vectors.
  const scopedMs = await timeEach(scopedCases, warm, ({ vector, docIds }) =>
    vectorSearch(store, vectors, vector, DEPTH, docIds),
  );
  const productHeapMb = peakHeapMb;
  const productRssMb = memoryNote('product searches done');

  // 5. Comparisons only, after the product's peak is read: exact search over the same vectors
  // (regenerated from the same seed), then MiniSearch.
  const matrix = benchVectors(labels.length, createRng(2));
  const exactTop: number[][] = [];
  const bruteMs = await timeEach(timed, warm.slice(0, 2), ({ vector }) =>
    exactTop.push(bruteForce(matrix, labels, vector, DEPTH)),
  );
  exactTop.splice(0, 2);
  let found = 0;
  hnswTop.forEach((top, i) => {
    const exact = new Set(exactTop[i]!.slice(0, 10));
    found += top.filter((label) => exact.has(label)).length;
  });
  const recall = found / (10 * hnswTop.length);
  memoryNote('exact searches done');

  const mini = withMiniSearch ? await miniSearchPhase(store, timed, warm, fts5Top) : null;
  if (mini) memoryNote('MiniSearch done');
  const heapEnd = settledHeapMb();
  store.close();
  rmSync(tmp, { recursive: true, force: true });

  const result: Result = {
    passages: passageCount,
    build_s: { lexical: Math.round(storeMs / 10) / 100, vectors: Math.round(hnswBuild * 100) / 100 },
    lexical: latency(lexicalAll),
    lexical_province: latency(lexicalProvince),
    hybrid: latency(hybridMs),
    answer: latency(answerMs),
    recall_at_10: Math.round(recall * 1000) / 1000,
    peak_rss_mb: Math.round(productRssMb),
    ...(mini ? { minisearch: latency(mini.terms) } : {}),
  };
  if (!printTable) return result;

  console.log(
    `search benchmark: ${passageCount} passages in ${docs} documents (${provinces.length} provinces), ` +
      `${timed.length} queries (${scopedCases.length} naming a province, half accent-free), dim ${DIM}, ` +
      `HNSW M=${HNSW.m} efConstruction=${HNSW.efConstruction} efSearch=${HNSW.efSearch}, k=${DEPTH}, node ${process.version}\n`,
  );
  const miniRows = mini
    ? [
        row('lexical (MiniSearch, content terms)', mini.build, mini.terms, `${mini.heapMb.toFixed(0)} (heap)`),
        row('lexical (MiniSearch, whole question)', '〃', mini.whole, '〃'),
      ]
    : [];
  console.log(
    table(
      ['search', 'build s', 'p50 ms', 'p95 ms', 'max ms', 'memory MB'],
      [
        row('lexical (FTS5, whole country)', storeMs / 1000, lexicalAll, `${dbMb.toFixed(0)} (disk)`),
        row('lexical (FTS5, asked province)', '〃', lexicalProvince, '〃'),
        ...miniRows,
        row('vector (HNSW)', hnswBuild, hnswMs, `${hnswMb.toFixed(0)} (file)`),
        row('vector (HNSW, province filter in the walk)', '-', filteredMs, '-'),
        row('vector (exact within the province, retriever)', '-', scopedMs, '-'),
        row(
          'vector (brute force, JS loop)',
          '-',
          bruteMs,
          `${((labels.length * DIM * 4) / 1_048_576).toFixed(0)} (matrix)`,
        ),
        row('hybrid (retriever)', '-', hybridMs, '-'),
        row('answer (engine.ask)', '-', answerMs, '-'),
      ],
    ),
  );
  console.log(
    `\nrecall@10 HNSW vs exact cosine: ${recall.toFixed(3)} (${timed.length} random query vectors, ${VECTORS === 'uniform' ? 'uniform on the sphere' : `clustered around ${CLUSTERS} centres`})`,
  );
  console.log(`passages held in the store's cache after the hybrid queries: ${cachedPassages} of ${passageCount}`);
  console.log(
    `corpus generation (clean, passages, figures): ${(generateMs / 1000).toFixed(1)} s; ` +
      `HNSW save ${saveSeconds.toFixed(2)} s, load ${loadSeconds.toFixed(2)} s (checksum included), file ${hnswMb.toFixed(0)} MB`,
  );
  if (mini) {
    console.log(
      `top-5 agreement with FTS5 (whole country), same passage / same source passage: MiniSearch content terms ` +
        `${mini.overlapTerms.map((x) => x.toFixed(2)).join(' / ')}, whole question ${mini.overlapWhole.map((x) => x.toFixed(2)).join(' / ')}`,
    );
  }
  console.log(
    `parseQuery p50 ${percentile(parseMs, 50).toFixed(2)} ms, termWeights p50 ${percentile(weightsMs, 50).toFixed(2)} ms`,
  );
  console.log(
    `peak memory of the product's path (store, HNSW, searches): RSS ${productRssMb.toFixed(0)} MB, heap ${productHeapMb.toFixed(0)} MB; ` +
      `whole run with the comparisons: RSS ${peakRssMb().toFixed(0)} MB, heap ${peakHeapMb.toFixed(0)} MB (${heapEnd.toFixed(0)} MB at the end)`,
  );
  return result;
}

/** One size in a child process (`--json` output read back), for the curve. */
function runChild(passages: number, withMiniSearch: boolean): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--json'], {
      env: { ...process.env, BENCH_PASSAGES: String(passages), BENCH_MINISEARCH: withMiniSearch ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench:search at ${passages} passages exited with ${code}`));
      resolve(JSON.parse(out) as Result);
    });
  });
}

async function curve(): Promise<void> {
  rmSync(tmp, { recursive: true, force: true });
  const rows: Cell[][] = [];
  for (const size of CURVE) {
    progress(`curve: ${size} passages`);
    const r = await runChild(size, size === 100_000);
    const pair = (l: Latency) => `${l.p50_ms} / ${l.p95_ms}`;
    rows.push([
      r.passages,
      `${r.build_s.lexical} / ${r.build_s.vectors}`,
      pair(r.lexical),
      pair(r.lexical_province),
      r.minisearch ? pair(r.minisearch) : '-',
      pair(r.hybrid),
      pair(r.answer),
      r.recall_at_10,
      r.peak_rss_mb,
    ]);
    console.log(JSON.stringify(r));
  }
  console.log(
    `\nsearch cost by corpus size (p50 / p95 ms; ${QUERIES} queries each; MiniSearch beside FTS5 at 100k), node ${process.version}\n`,
  );
  console.log(
    table(
      [
        'passages',
        'build s (lexical / vectors)',
        'lexical',
        'lexical, province',
        'MiniSearch',
        'hybrid',
        'engine.ask',
        'recall@10',
        'peak RSS MB',
      ],
      rows,
    ),
  );
}

async function main(): Promise<void> {
  if (process.env.BENCH_HNSW_SWEEP) return sweep();
  const args = process.argv.slice(2);
  if (args.includes('--curve')) return curve();
  const withMiniSearch =
    process.env.BENCH_MINISEARCH !== undefined ? process.env.BENCH_MINISEARCH === '1' : PASSAGES === 100_000;
  const json = args.includes('--json');
  const result = await measure(PASSAGES, withMiniSearch, !json);
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
