import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Config } from '../config.js';
import { convertReport, FORMAT_LIST, isReportFile } from '../ingest/convert/registry.js';
import { ingestReports, type IngestSummary } from '../ingest/ingestReports.js';
import type { Logger } from '../logger.js';
import { loadEmbedder, type Embedder } from '../search/embedder.js';
import { createRetriever, type Retriever } from '../search/retriever.js';
import { openVectorIndex, type VectorIndex } from '../search/vectorIndex.js';
import { openOrRebuild, syncVectors } from '../search/vectorSync.js';
import { CorpusStore } from '../store/corpusStore.js';
import { IngestLockedError } from '../store/ingestLock.js';
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

export class EngineError extends Error {
  override name = 'EngineError';
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

  const engine: Engine = {
    get mode() {
      return retriever.mode;
    },
    ask(question: string, options: AskOptions = {}): Promise<Answer> {
      return answerQuestion(question, options, { store, retriever, ranker });
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
      const name = basename(fileName).replace(/[^\p{L}\p{N}._ -]+/gu, '_');
      if (!isReportFile(name)) {
        throw new EngineError(`${name}: only ${FORMAT_LIST} reports are accepted`);
      }
      // A file that cannot be read (broken, a zip bomb, a scan) is refused before it reaches
      // the reports folder, so that neither the folder nor the store keeps anything of it.
      await convertReport(content, name);
      mkdirSync(config.REPORTS_DIR, { recursive: true });
      const target = join(config.REPORTS_DIR, name);
      const temporary = `${target}.upload`;
      writeFileSync(temporary, content);
      renameSync(temporary, target);
      const summary = await ingestReports({ store, reportsDir: config.REPORTS_DIR, only: [name] });
      logIngest(summary, logger);
      if (vectors && embedder) await syncVectors({ index: vectors, embedder, source: store, logger });
      const doc = summary.documents[0];
      if (!doc) throw new EngineError(`${name}: nothing was ingested`);
      return doc;
    },
    async reload(): Promise<void> {
      store.close();
      store = new CorpusStore(config.INDEX_DIR, { readonly });
      await openIndexes();
    },
    logQuestion(entry) {
      store.logQuestion(entry);
    },
    saveFeedback(entry) {
      store.saveFeedback(entry);
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
