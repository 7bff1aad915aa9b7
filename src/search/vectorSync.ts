import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Embedder } from './embedder.js';
import {
  IndexCorruptError,
  IndexMismatchError,
  SCHEMA_VERSION,
  createVectorIndex,
  describeMismatch,
  openVectorIndex,
  type VectorIndex,
  type VectorIndexOptions,
} from './vectorIndex.js';

/** What the corpus store offers the vector index: passage row ids and their texts. */
export interface PassageSource {
  passageIds(): number[];
  passageTexts(ids: number[]): { id: number; text: string }[];
  /** Identity of the corpus, recorded in the manifest; the sorted ids are hashed when absent. */
  corpusHash?(): string;
}

export interface SyncOptions {
  index: VectorIndex;
  embedder: Embedder;
  source: PassageSource;
  logger: Logger;
  /** Passages read and embedded per step. Default 256. */
  chunkSize?: number;
  /** Saves progress this often during a long first build, so a crash loses at most this much work. Default 60 s. */
  checkpointMs?: number;
}

const DEFAULT_CHUNK_SIZE = 256;
const DEFAULT_CHECKPOINT_MS = 60_000;
const LOG_EVERY_MS = 5_000;

/**
 * Brings the index in line with the store: embeds passages it lacks, marks deleted those the store
 * no longer has, then saves. Passages are matched by row id only, so a row whose text changes must
 * get a new id (or be removed and re-added) to be re-embedded.
 */
export async function syncVectors(opts: SyncOptions): Promise<{ added: number; removed: number }> {
  const { index, embedder, source, logger } = opts;
  if (embedder.modelId !== index.modelId || embedder.dimension !== index.dimension) {
    const saved = { schemaVersion: SCHEMA_VERSION, modelId: index.modelId, dimension: index.dimension };
    const wanted = { schemaVersion: SCHEMA_VERSION, modelId: embedder.modelId, dimension: embedder.dimension };
    throw new IndexMismatchError(index.dir, saved, wanted);
  }
  const chunkSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const checkpointMs = opts.checkpointMs ?? DEFAULT_CHECKPOINT_MS;

  const storeIds = source.passageIds();
  const wanted = new Set(storeIds);
  const have = index.labels();
  const removed = index.remove([...have].filter((label) => !wanted.has(label)));
  const missing = storeIds.filter((id) => !have.has(id)).sort((a, b) => a - b);
  const corpusHash = source.corpusHash?.() ?? hashIds(storeIds);
  if (missing.length === 0 && removed === 0 && index.corpusHash === corpusHash) return { added: 0, removed: 0 };

  if (missing.length > 0) logger.info({ passages: missing.length, model: embedder.modelId }, 'embedding passages');
  const started = Date.now();
  let lastLog = started;
  let lastCheckpoint = started;
  let added = 0;
  for (let start = 0; start < missing.length; start += chunkSize) {
    const rows = source.passageTexts(missing.slice(start, start + chunkSize));
    const vectors = await embedder.embed(
      rows.map((r) => r.text),
      'passage',
    );
    index.add(
      rows.map((r) => r.id),
      vectors,
    );
    added += rows.length;
    const now = Date.now();
    if (now - lastLog >= LOG_EVERY_MS) {
      lastLog = now;
      const perSecond = added / ((now - started) / 1000);
      logger.info({ done: added, of: missing.length, perSecond: Math.round(perSecond) }, 'embedding passages');
    }
    if (now - lastCheckpoint >= checkpointMs && start + chunkSize < missing.length) {
      // null: the saved index is usable but not yet complete for this corpus.
      index.save(null);
      lastCheckpoint = Date.now();
    }
  }
  index.save(corpusHash);
  logger.info({ added, removed, vectors: index.size, ms: Date.now() - started }, 'vector index synced');
  return { added, removed };
}

/**
 * Opens the saved index, or starts an empty one when there is none, when it was built for another
 * model or dimension, or when its files are damaged. Starting empty means the next sync embeds everything.
 */
export function openOrRebuild(opts: {
  dir: string;
  modelId: string;
  dimension: number;
  logger: Logger;
  options?: VectorIndexOptions;
}): VectorIndex {
  const { logger, options, ...identity } = opts;
  try {
    const index = openVectorIndex(identity, options);
    if (index) return index;
    logger.info({ dir: identity.dir }, 'no saved vector index; building one');
  } catch (err) {
    if (err instanceof IndexMismatchError) {
      logger.warn({ dir: identity.dir }, `rebuilding vector index: ${describeMismatch(err.saved, err.wanted)}`);
    } else if (err instanceof IndexCorruptError) {
      logger.warn({ file: err.file }, `rebuilding vector index: saved index is unusable (${err.reason})`);
    } else {
      throw err;
    }
  }
  return createVectorIndex(identity, options);
}

function hashIds(ids: number[]): string {
  const hash = createHash('sha256');
  hash.update([...ids].sort((a, b) => a - b).join(','));
  return hash.digest('hex').slice(0, 16);
}
