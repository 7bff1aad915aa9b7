import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Config } from '../config.js';
import { convertReport, REPORT_EXTENSIONS } from '../ingest/convert/registry.js';
import { ingestInWorker, type IngestJob } from '../ingest/ingestInWorker.js';
import { ingestReports, type IngestSummary } from '../ingest/ingestReports.js';
import { safeReportName } from '../ingest/reportName.js';
import type { Logger } from '../logger.js';
import { loadEmbedder, type Embedder } from '../search/embedder.js';
import { createRetriever, type Retriever } from '../search/retriever.js';
import { openVectorIndex, type VectorIndex } from '../search/vectorIndex.js';
import { openOrRebuild, syncVectors } from '../search/vectorSync.js';
import { CorpusStore } from '../store/corpusStore.js';
import { IngestLockedError } from '../store/ingestLock.js';
import { removeFormatCharacters } from '../text/normalize.js';
import { answerQuestion } from './answerQuestion.js';
import { loadRankerModel, type RankerModel } from './rankFigures.js';
import type { Answer } from './schema.js';
import type { AskOptions, Engine, IngestedDocument, PassageView, SourceSummary } from './types.js';

export interface EngineOptions {
  config: Config;
  logger: Logger;
  /** Bring the store in line with the reports folder at start (default true). */
  ingestOnStart?: boolean;
  /** The figure ranker; the fitted one shipped with the code by default (the fit passes fold models). */
  ranker?: RankerModel;
  /** A read-only view of an existing index (a bot replica, a shared snapshot): nothing is ingested or written. */
  readonly?: boolean;
}

/** Uploads are written under this hidden prefix until they ingest. */
const UPLOAD_PREFIX = '.upload-';

/** Log entries and votes kept while an ingest worker writes; a busy hour has far fewer. */
const MAX_DEFERRED_WRITES = 10_000;

export class EngineError extends Error {
  override name = 'EngineError';
}

/** A sent file whose name cannot be made a safe, visible report name. */
export class UploadNameError extends EngineError {
  override name = 'UploadNameError';
}

/**
 * The answer engine: the corpus store, the retriever (lexical, plus vectors
 * when a model loads) and the composer, behind the interface the command line
 * and the bot share.
 */
export async function createEngine({
  config,
  logger,
  ingestOnStart = true,
  ranker = loadRankerModel(),
  readonly = false,
}: EngineOptions): Promise<Engine> {
  let store = new CorpusStore(config.INDEX_DIR, { readonly });
  if (!readonly) removeStaleUploads(config.REPORTS_DIR, logger);
  if (ingestOnStart && !readonly) await ingestAtStart(store, config, logger);

  const embedder = await loadSearchModel(config, logger);
  let vectors: VectorIndex | null = null;
  let retriever: Retriever;

  async function openIndexes(): Promise<void> {
    vectors = !embedder
      ? null
      : readonly
        ? savedVectors(embedder, store, config, logger)
        : await syncedVectors(embedder, store, config, logger);
    retriever = createRetriever({ store, embedder, vectors });
  }
  await openIndexes();

  // While an ingest worker holds the store's write lock, a write here would wait for it with the
  // event loop stopped (SQLite's busy wait): the question log and votes are kept until it is done.
  let workers = 0;
  const deferred: Array<() => void> = [];
  const write = (apply: () => void): void => {
    if (workers === 0) return apply();
    if (deferred.length < MAX_DEFERRED_WRITES) deferred.push(apply);
    else logger.warn('store busy with an ingest: a question log entry was dropped');
  };
  async function inWorker(job: IngestJob): Promise<IngestSummary> {
    workers += 1;
    try {
      return await ingestInWorker(job);
    } finally {
      workers -= 1;
      if (workers === 0) {
        for (const apply of deferred.splice(0)) {
          try {
            apply();
          } catch (err) {
            logger.warn({ err: String(err) }, 'could not write a deferred log entry');
          }
        }
      }
    }
  }

  const engine: Engine = {
    get mode() {
      return retriever.mode;
    },
    ask(question: string, options: AskOptions = {}): Promise<Answer> {
      return answerQuestion(removeFormatCharacters(question), options, { store, retriever, ranker });
    },
    sources(): SourceSummary[] {
      return store.documents().map((d) => ({
        file: d.file,
        title: d.title,
        province: d.province,
        period: d.periodLabel,
        year: d.year,
        passages: d.passages,
        figures: d.figures,
        source_url: d.sourceUrl,
      }));
    },
    passage(passageId: string): PassageView | null {
      const p = store.passageByPid(passageId);
      const d = p && store.document(p.docId);
      if (!p || !d) return null;
      return {
        passage_id: p.pid,
        doc: d.file,
        title: d.title,
        province: d.province,
        period: d.periodLabel,
        heading: p.heading,
        text: p.footnotes ? `${p.text}\n${p.footnotes}` : p.text,
        source_url: d.sourceUrl,
      };
    },
    async ingestFile(fileName: string, content: Buffer): Promise<IngestedDocument> {
      if (readonly) throw new EngineError(`${config.INDEX_DIR} is open read-only: reports cannot be added`);
      const named = safeReportName(fileName, REPORT_EXTENSIONS);
      if (!named.ok) throw new UploadNameError(named.reason);
      const { name } = named;
      // A file that cannot be read (broken, a zip bomb, a scan) is refused before it reaches
      // the reports folder, so that neither the folder nor the store keeps anything of it.
      await convertReport(content, name);
      mkdirSync(config.REPORTS_DIR, { recursive: true });
      // Checked and ingested under a hidden temporary name (ingest never reads dot files); only a
      // report that ingested takes the place of the old file.
      const temporary = join(config.REPORTS_DIR, `${UPLOAD_PREFIX}${randomUUID()}${extname(name)}`);
      writeFileSync(temporary, content, { flag: 'wx' });
      let doc: IngestedDocument | undefined;
      try {
        const summary = await inWorker({
          kind: 'upload',
          indexDir: config.INDEX_DIR,
          reportsDir: config.REPORTS_DIR,
          file: name,
          path: temporary,
        });
        logIngest(summary, logger);
        doc = summary.documents[0];
        if (doc && doc.status !== 'failed') renameSync(temporary, join(config.REPORTS_DIR, name));
      } finally {
        rmSync(temporary, { force: true });
      }
      if (!doc) throw new EngineError(`${name}: nothing was ingested`);
      if (vectors && embedder) await syncVectors({ index: vectors, embedder, source: store, logger });
      return doc;
    },
    async reload(): Promise<void> {
      // The folder is brought in line off the event loop; until the new store and indexes are
      // ready, questions are answered from the current ones.
      if (!readonly) {
        try {
          logIngest(
            await inWorker({ kind: 'folder', indexDir: config.INDEX_DIR, reportsDir: config.REPORTS_DIR }),
            logger,
          );
        } catch (error) {
          // The running ingest brings the store up to date; the reopened store shows what it has done.
          if (!(error instanceof IngestLockedError)) throw error;
          logger.warn(`${error.message}; reloading the documents stored so far`);
        }
      }
      const previous = store;
      const next = new CorpusStore(config.INDEX_DIR, { readonly });
      const nextVectors = !embedder
        ? null
        : readonly
          ? savedVectors(embedder, next, config, logger)
          : await syncedVectors(embedder, next, config, logger);
      store = next;
      vectors = nextVectors;
      retriever = createRetriever({ store, embedder, vectors });
      previous.close();
    },
    logQuestion(entry) {
      write(() => store.logQuestion(entry));
    },
    saveFeedback(entry) {
      write(() => store.saveFeedback(entry));
    },
    stats(days = 7) {
      return store.stats(days);
    },
    close() {
      store.close();
    },
  };
  return engine;
}

async function ingestAtStart(store: CorpusStore, config: Config, logger: Logger): Promise<void> {
  try {
    logIngest(await ingestReports({ store, reportsDir: config.REPORTS_DIR }), logger);
  } catch (error) {
    // The running ingest brings the store up to date; until then the stored documents answer.
    if (!(error instanceof IngestLockedError)) throw error;
    logger.warn(`${error.message}; answering from the documents stored so far`);
  }
}

/** A read-only view uses the saved vectors only when they were built for exactly this corpus. */
function savedVectors(embedder: Embedder, store: CorpusStore, config: Config, logger: Logger): VectorIndex | null {
  const identity = { dir: config.INDEX_DIR, modelId: embedder.modelId, dimension: embedder.dimension };
  let index: VectorIndex | null = null;
  try {
    index = openVectorIndex(identity);
  } catch (error) {
    logger.warn(`vector index unusable (${(error as Error).message}); read-only view searches lexical-only`);
    return null;
  }
  if (index && index.corpusHash === store.corpusHash()) return index;
  logger.warn('no vector index saved for this corpus; read-only view searches lexical-only');
  return null;
}

/** Temporary files of uploads cut short by a crash; ingest never reads them (dot files). */
function removeStaleUploads(reportsDir: string, logger: Logger): void {
  if (!existsSync(reportsDir)) return;
  for (const name of readdirSync(reportsDir)) {
    if (!name.startsWith(UPLOAD_PREFIX)) continue;
    rmSync(join(reportsDir, name), { force: true });
    logger.warn(`${name}: an unfinished upload's temporary file, removed`);
  }
}

async function loadSearchModel(config: Config, logger: Logger): Promise<Embedder | null> {
  if (config.SEARCH_MODE === 'lexical') return null;
  const load = await loadEmbedder({
    modelId: config.MODEL_ID,
    modelDir: config.MODEL_DIR,
    offline: config.OFFLINE,
    logger,
  });
  if (!load.embedder) {
    logger.warn(`${load.warning} Searching lexical-only ("mode": "lexical").`);
    return null;
  }
  return load.embedder;
}

async function syncedVectors(
  embedder: Embedder,
  store: CorpusStore,
  config: Config,
  logger: Logger,
): Promise<VectorIndex> {
  const index = openOrRebuild({
    dir: config.INDEX_DIR,
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    logger,
  });
  await syncVectors({ index, embedder, source: store, logger });
  return index;
}

function logIngest(summary: IngestSummary, logger: Logger): void {
  const changed = summary.documents.filter((d) => d.status !== 'unchanged');
  for (const d of changed) {
    logger.info({ file: d.file, status: d.status, passages: d.passages, figures: d.figures }, 'report ingested');
    for (const warning of d.warnings) logger.warn(`${d.file}: ${warning}`);
  }
  for (const warning of summary.warnings) logger.warn(warning);
}
