import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { z } from 'zod';
import { VectorSlab } from './vectorSlab.js';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface VectorIndexOptions {
  /**
   * Graph links per node. Default 16; 12–48 is sensible. More links raise recall at a given
   * `efSearch` but grow the file (≈ 8·M bytes per vector beside the vector itself) and slow
   * inserts; with 16, `efSearch` alone reaches the recall wanted.
   */
  m?: number;
  /**
   * Candidate list size while inserting. Default 200; 100–400. Higher builds a better graph
   * (recall) at the cost of insert time, which is paid once per passage.
   */
  efConstruction?: number;
  /**
   * Candidate list size while searching (raised to `k` when smaller). Default 200; 64–400.
   * `npm run bench:search` (100k 384-dim vectors, M=16, 200): recall@10 1.000 at about 2 ms a
   * query on vectors clustered like embeddings of near-duplicate passages; on uniform random
   * vectors (the worst case, no neighbourhoods) 0.21, where M=48 with 1600 reaches 0.975 at
   * about 30 ms. A chat bot asks one query per message, so recall wins over speed.
   */
  efSearch?: number;
  /** Vectors the index holds before its first resize. Default 1024; it grows ×1.5 as needed. */
  initialCapacity?: number;
}

export interface VectorHit {
  label: number;
  /** Cosine similarity, 1 = same direction. */
  score: number;
}

export interface VectorIndex {
  readonly dir: string;
  readonly modelId: string;
  readonly dimension: number;
  /** Live vectors. */
  readonly size: number;
  readonly capacity: number;
  /** Corpus the saved index was last synced with; null if never saved or a sync was interrupted. */
  readonly corpusHash: string | null;
  /** Adds vectors; a label already present is replaced. */
  add(labels: number[], vectors: Float32Array[]): void;
  /** Marks labels deleted; unknown labels are ignored. Returns how many were removed. */
  remove(labels: number[]): number;
  /** Nearest live vectors, best first; `filter` narrows candidates inside the graph walk. */
  search(vector: Float32Array, k: number, filter?: (label: number) => boolean): VectorHit[];
  /**
   * Exact nearest among `labels` only (unknown or deleted ones skipped): a scoped search
   * (one province's passages) costs the scope's size, not the corpus's, and needs no graph walk
   * that rejects most of what it visits.
   */
  searchAmong(vector: Float32Array, k: number, labels: Iterable<number>): VectorHit[];
  labels(): Set<number>;
  /** Writes `vectors.hnsw` then `vectors.json` atomically; a crash leaves the previous pair intact. */
  save(corpusHash: string | null): void;
}

export interface VectorIndexIdentity {
  dir: string;
  modelId: string;
  dimension: number;
}

export const SCHEMA_VERSION = 1;
export const INDEX_FILE = 'vectors.hnsw';
export const MANIFEST_FILE = 'vectors.json';

const DEFAULTS = { m: 16, efConstruction: 200, efSearch: 200, initialCapacity: 1024 } as const;
const GROWTH = 1.5;
/** Deleted slots are never reused by hnswlib; past this share of the file, save() rebuilds without them. */
const COMPACT_WHEN_DELETED_SHARE = 0.3;
/** Below this many deleted slots the waste is too small to bother. */
const COMPACT_MIN_DELETED = 64;
/** Smallest step when growing, so an index opened empty does not grow one slot at a time. */
const MIN_GROWTH = 256;
const RANDOM_SEED = 100;

const ManifestSchema = z.object({
  schemaVersion: z.number().int(),
  modelId: z.string().min(1),
  dimension: z.number().int().positive(),
  /** Live vectors. */
  count: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
  corpusHash: z.string().nullable(),
  /** Labels marked deleted: still in the file, and hnswlib cannot tell them apart by label. */
  deleted: z.array(z.number().int()),
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  fileBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  updatedAt: z.string(),
});
type Manifest = z.infer<typeof ManifestSchema>;

interface Saved {
  schemaVersion: number;
  modelId: string;
  dimension: number;
}

/** The saved index was built for another model, dimension or file format; it must be rebuilt, never searched. */
export class IndexMismatchError extends Error {
  override name = 'IndexMismatchError';
  constructor(
    readonly dir: string,
    readonly saved: Saved,
    readonly wanted: Saved,
  ) {
    super(`vector index in ${dir}: ${describeMismatch(saved, wanted)}`);
  }
}

/** The saved files are unreadable or do not belong together (e.g. a crash between the two renames). */
export class IndexCorruptError extends Error {
  override name = 'IndexCorruptError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`vector index ${file} is unusable: ${reason}`);
  }
}

export function describeMismatch(saved: Saved, wanted: Saved): string {
  if (saved.schemaVersion !== wanted.schemaVersion) {
    return `format changed from v${saved.schemaVersion} to v${wanted.schemaVersion}`;
  }
  if (saved.modelId !== wanted.modelId) return `model changed from ${saved.modelId} to ${wanted.modelId}`;
  return `dimension changed from ${saved.dimension} to ${wanted.dimension} (model ${wanted.modelId})`;
}

/** A new empty index; nothing is written until `save`. */
export function createVectorIndex(identity: VectorIndexIdentity, options: VectorIndexOptions = {}): VectorIndex {
  const opts = { ...DEFAULTS, ...options };
  const hnsw = new HierarchicalNSW('cosine', identity.dimension);
  hnsw.initIndex({
    maxElements: Math.max(1, opts.initialCapacity),
    m: opts.m,
    efConstruction: opts.efConstruction,
    randomSeed: RANDOM_SEED,
  });
  hnsw.setEf(opts.efSearch);
  return new HnswVectorIndex(identity, opts, hnsw, new Set(), new Set(), null, new VectorSlab(identity.dimension));
}

/**
 * Opens the index saved in `identity.dir`; null when there is none.
 * Throws `IndexMismatchError` for another model/dimension/format and `IndexCorruptError` when the
 * files are damaged or do not match each other.
 */
export function openVectorIndex(identity: VectorIndexIdentity, options: VectorIndexOptions = {}): VectorIndex | null {
  const opts = { ...DEFAULTS, ...options };
  const manifestPath = join(identity.dir, MANIFEST_FILE);
  const indexPath = join(identity.dir, INDEX_FILE);
  if (!existsSync(manifestPath)) {
    if (existsSync(indexPath)) throw new IndexCorruptError(manifestPath, 'manifest missing');
    return null;
  }

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new IndexCorruptError(manifestPath, `not JSON (${(err as Error).message})`);
  }
  const version = z.object({ schemaVersion: z.number() }).safeParse(raw);
  const wanted = { schemaVersion: SCHEMA_VERSION, modelId: identity.modelId, dimension: identity.dimension };
  if (version.success && version.data.schemaVersion !== SCHEMA_VERSION) {
    const old = raw as { modelId?: unknown; dimension?: unknown };
    const saved = {
      schemaVersion: version.data.schemaVersion,
      modelId: typeof old.modelId === 'string' ? old.modelId : 'unknown',
      dimension: typeof old.dimension === 'number' ? old.dimension : 0,
    };
    throw new IndexMismatchError(identity.dir, saved, wanted);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IndexCorruptError(manifestPath, `${issue.path.join('.') || 'manifest'}: ${issue.message}`);
  }
  const manifest = parsed.data;
  if (manifest.modelId !== identity.modelId || manifest.dimension !== identity.dimension) {
    throw new IndexMismatchError(identity.dir, manifest, wanted);
  }

  if (!existsSync(indexPath)) throw new IndexCorruptError(indexPath, 'file missing');
  const bytes = statSync(indexPath).size;
  if (bytes !== manifest.fileBytes) {
    throw new IndexCorruptError(indexPath, `${bytes} bytes, manifest says ${manifest.fileBytes}`);
  }
  const file = readFileSync(indexPath);
  if (createHash('sha256').update(file).digest('hex') !== manifest.sha256) {
    throw new IndexCorruptError(indexPath, 'content does not match the manifest checksum');
  }

  const hnsw = new HierarchicalNSW('cosine', identity.dimension);
  try {
    hnsw.readIndexSync(indexPath);
  } catch (err) {
    throw new IndexCorruptError(indexPath, (err as Error).message);
  }
  const slots = manifest.count + manifest.deleted.length;
  // hnswlib reloads an empty index with capacity 0, so capacity is only compared when there are vectors.
  if (hnsw.getCurrentCount() !== slots || (slots > 0 && hnsw.getMaxElements() !== manifest.capacity)) {
    throw new IndexCorruptError(indexPath, `holds ${hnsw.getCurrentCount()} vectors, manifest says ${slots}`);
  }
  hnsw.setEf(opts.efSearch);
  const deleted = new Set(manifest.deleted);
  const live = new Set(hnsw.getIdsList().filter((label) => !deleted.has(label)));
  return new HnswVectorIndex(
    identity,
    { ...opts, m: manifest.m, efConstruction: manifest.efConstruction },
    hnsw,
    live,
    deleted,
    manifest.corpusHash,
    slabFromHnswFile(file, identity.dimension, live, indexPath),
  );
}

/**
 * The slab of live vectors, read from the saved hnswlib file (hnswlib's own `getPoint` costs about
 * 90 µs a call). The file: a header of 96 bytes, then one record per element of `sizeData` bytes
 * holding the links, the vector at `offsetData` (float32, normalised for cosine) and the label at
 * `labelOffset` (uint64).
 */
function slabFromHnswFile(file: Buffer, dimension: number, live: Set<number>, path: string): VectorSlab {
  const slab = new VectorSlab(dimension, live.size);
  if (live.size === 0) return slab;
  const u64 = (at: number) => Number(file.readBigUInt64LE(at));
  const count = u64(16);
  const sizeData = u64(24);
  const labelOffset = u64(32);
  const offsetData = u64(40);
  const HEADER = 96;
  if (HEADER + count * sizeData > file.length || offsetData + dimension * 4 > sizeData) {
    throw new IndexCorruptError(path, 'element records do not fit the file');
  }
  for (let i = 0; i < count; i++) {
    const base = HEADER + i * sizeData;
    const label = u64(base + labelOffset);
    if (!live.has(label)) continue;
    const at = file.byteOffset + base + offsetData;
    const floats =
      at % 4 === 0
        ? new Float32Array(file.buffer, at, dimension)
        : new Float32Array(file.buffer.slice(at, at + dimension * 4));
    slab.setUnit(label, floats);
  }
  return slab;
}

class HnswVectorIndex implements VectorIndex {
  readonly dir: string;
  readonly modelId: string;
  readonly dimension: number;

  constructor(
    identity: VectorIndexIdentity,
    private readonly opts: Required<VectorIndexOptions>,
    private hnsw: Hnsw,
    private readonly live: Set<number>,
    private readonly deleted: Set<number>,
    private savedCorpusHash: string | null,
    private readonly slab: VectorSlab,
  ) {
    this.dir = identity.dir;
    this.modelId = identity.modelId;
    this.dimension = identity.dimension;
  }

  get size(): number {
    return this.live.size;
  }

  get capacity(): number {
    return this.hnsw.getMaxElements();
  }

  get corpusHash(): string | null {
    return this.savedCorpusHash;
  }

  add(labels: number[], vectors: Float32Array[]): void {
    if (labels.length !== vectors.length) {
      throw new Error(`VectorIndex.add: ${labels.length} labels but ${vectors.length} vectors`);
    }
    labels.forEach((label, i) => {
      const vector = vectors[i]!;
      if (vector.length !== this.dimension) {
        throw new Error(
          `VectorIndex.add: vector for label ${label} has ${vector.length} dims, index has ${this.dimension}`,
        );
      }
      // A label seen before (live or deleted) is updated in its old slot; only new labels take a slot.
      if (!this.live.has(label) && !this.deleted.has(label)) this.reserve(this.hnsw.getCurrentCount() + 1);
      this.hnsw.addPoint(Array.from(vector), label);
      this.slab.set(label, vector);
      this.live.add(label);
      this.deleted.delete(label);
    });
  }

  remove(labels: number[]): number {
    let removed = 0;
    for (const label of labels) {
      if (!this.live.has(label)) continue;
      this.hnsw.markDelete(label);
      this.slab.remove(label);
      this.live.delete(label);
      this.deleted.add(label);
      removed++;
    }
    return removed;
  }

  search(vector: Float32Array, k: number, filter?: (label: number) => boolean): VectorHit[] {
    const n = Math.min(k, this.live.size);
    if (n <= 0) return [];
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(vector), n, filter);
    return neighbors.map((label, i) => ({ label, score: 1 - distances[i]! }));
  }

  searchAmong(vector: Float32Array, k: number, labels: Iterable<number>): VectorHit[] {
    if (k <= 0) return [];
    return this.slab.nearest(vector, k, labels);
  }

  labels(): Set<number> {
    return new Set(this.live);
  }

  save(corpusHash: string | null): void {
    const deleted = this.deleted.size;
    if (deleted >= COMPACT_MIN_DELETED && deleted > COMPACT_WHEN_DELETED_SHARE * this.hnsw.getCurrentCount())
      this.compact();
    mkdirSync(this.dir, { recursive: true });
    const indexPath = join(this.dir, INDEX_FILE);
    const indexTmp = `${indexPath}.tmp`;
    this.hnsw.writeIndexSync(indexTmp);
    fsyncPath(indexTmp);
    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      modelId: this.modelId,
      dimension: this.dimension,
      count: this.live.size,
      capacity: this.hnsw.getMaxElements(),
      corpusHash,
      deleted: [...this.deleted].sort((a, b) => a - b),
      m: this.opts.m,
      efConstruction: this.opts.efConstruction,
      fileBytes: statSync(indexTmp).size,
      sha256: sha256File(indexTmp),
      updatedAt: new Date().toISOString(),
    };
    renameSync(indexTmp, indexPath);
    // The manifest goes last: until it lands, a reader sees the old manifest, whose checksum rejects the new file.
    const manifestPath = join(this.dir, MANIFEST_FILE);
    writeFileSync(`${manifestPath}.tmp`, `${JSON.stringify(manifest)}\n`);
    fsyncPath(`${manifestPath}.tmp`);
    renameSync(`${manifestPath}.tmp`, manifestPath);
    fsyncDir(this.dir);
    this.savedCorpusHash = corpusHash;
  }

  private reserve(slots: number): void {
    const capacity = this.hnsw.getMaxElements();
    if (slots > capacity) this.hnsw.resizeIndex(Math.max(slots, Math.ceil(capacity * GROWTH), capacity + MIN_GROWTH));
  }

  /** Re-inserts the live vectors into a fresh graph, dropping deleted slots. */
  private compact(): void {
    const fresh = new HierarchicalNSW('cosine', this.dimension);
    fresh.initIndex({
      maxElements: Math.max(this.opts.initialCapacity, Math.ceil(this.live.size * GROWTH)),
      m: this.opts.m,
      efConstruction: this.opts.efConstruction,
      randomSeed: RANDOM_SEED,
    });
    fresh.setEf(this.opts.efSearch);
    for (const label of [...this.live].sort((a, b) => a - b)) fresh.addPoint(this.hnsw.getPoint(label), label);
    this.hnsw = fresh;
    this.deleted.clear();
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the renames durable; some platforms (Windows) cannot open a folder, and lose only that guarantee. */
function fsyncDir(dir: string): void {
  try {
    fsyncPath(dir);
  } catch {
    // best effort
  }
}

function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 22);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
