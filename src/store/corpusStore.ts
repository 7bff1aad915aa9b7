import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Figure } from '../figures/types.js';
import { canonical, fold } from '../text/normalize.js';
import { acquireIngestLock } from './ingestLock.js';
import { createFts5LexicalIndex, FTS5_TABLES } from './fts5LexicalIndex.js';
import type { LexicalIndex, TermStats } from './lexicalIndex.js';
import { SCHEMA_SQL, STORE_SCHEMA_VERSION } from './schema.js';

export type { LexicalHit } from './lexicalIndex.js';

export interface DocumentInput {
  file: string;
  hash: string;
  title: string;
  province: string | null;
  year: number | null;
  periodLabel: string | null;
  periodKey: string | null;
  periodKind: string | null;
  months: number | null;
  sourceUrl: string | null;
  published: string | null;
  text: string;
  warnings: string[];
}

export interface PassageInput {
  n: number;
  heading: string | null;
  text: string;
  footnotes: string;
  start: number;
  end: number;
  figures: Figure[];
}

export interface StoredDocument extends Omit<DocumentInput, 'text'> {
  id: number;
  passages: number;
  figures: number;
}

export interface StoredPassage {
  id: number;
  pid: string;
  docId: number;
  n: number;
  heading: string | null;
  text: string;
  footnotes: string;
  start: number;
  end: number;
}

export interface StoredFigure extends Figure {
  id: number;
  passageId: number;
  docId: number;
}

/** A document with its passages, as one write of a batch. */
export interface DocumentWrite {
  doc: DocumentInput;
  passages: PassageInput[];
}

interface DocumentRow {
  id: number;
  file: string;
  hash: string;
  title: string;
  province: string | null;
  year: number | null;
  period_label: string | null;
  period_key: string | null;
  period_kind: string | null;
  months: number | null;
  source_url: string | null;
  published: string | null;
  warnings: string;
  passage_count: number;
  figure_count: number;
}

interface PassageRow {
  id: number;
  pid: string;
  doc_id: number;
  n: number;
  heading: string | null;
  text: string;
  footnotes: string;
  start: number;
  end: number;
}

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export interface StoreOptions {
  /** Opens an existing store for reading only (a bot replica, a shared snapshot): never migrates or writes. */
  readonly?: boolean;
}

/**
 * How long a writer waits for another one (an ingest in another process, an upload) before
 * failing with "database is locked". Ingest commits one document at a time, so a turn is short.
 */
export const STORE_BUSY_TIMEOUT_MS = 10_000;

/** Distinct word forms whose canonical form is remembered (Vietnamese has about 7,000 syllables). */
const WORD_CACHE_SIZE = 50_000;

/** Terms and phrases whose counts are remembered; a busy day's questions use a few thousand. */
const TERM_CACHE_SIZE = 20_000;

/** Passages kept decoded in memory; the hot ones of a busy hour fit easily. */
const PASSAGE_CACHE_SIZE = 5_000;

const DOCUMENT_COLUMNS = `id, file, hash, title, province, year, period_label, period_key, period_kind, months,
  source_url, published, warnings, passage_count, figure_count`;

/**
 * The SQLite corpus: documents, passages, figures, the lexical index, question
 * log and feedback. Writes go in batches, one transaction each; WAL mode so that the bot can
 * read while an admin upload writes; write transactions start IMMEDIATE, so that a second writer
 * waits its turn (up to `STORE_BUSY_TIMEOUT_MS`) instead of failing at once.
 */
export class CorpusStore {
  readonly path: string;
  readonly indexDir: string;
  readonly readonly: boolean;
  /** The full-text index over passages; written with the passages, in the same transaction. */
  readonly lexical: LexicalIndex;
  private ingestLocks = 0;
  private releaseIngestLock: (() => void) | null = null;
  private readonly db: Database.Database;
  private readonly passageCache = new Map<number, StoredPassage>();
  private readonly figureCache = new Map<number, StoredFigure[]>();
  private documentCache: StoredDocument[] | null = null;
  private documentById: Map<number, StoredDocument> | null = null;
  private passageTotal: number | null = null;
  private passageDocs: PassageDocs | null = null;
  private readonly termStatsCache = new Map<string, TermStats>();
  private readonly keyCache = new Map<number, PassageKeys>();
  private readonly wordCache = new Map<string, string>();
  private statementCache: ReturnType<CorpusStore['prepareStatements']> | null = null;
  private dataVersion: number | null = null;

  constructor(indexDir: string, options: StoreOptions = {}) {
    this.indexDir = indexDir;
    this.readonly = options.readonly ?? false;
    this.path = join(indexDir, 'corpus.db');
    if (this.readonly && !existsSync(this.path)) {
      throw new StoreError(
        `No corpus store at ${this.path} to open read-only: build it first with \`npm run ingest -- --index ${indexDir}\``,
        this.path,
      );
    }
    try {
      if (!this.readonly) mkdirSync(indexDir, { recursive: true });
      this.db = new Database(this.path, { readonly: this.readonly, timeout: STORE_BUSY_TIMEOUT_MS });
      if (this.readonly) {
        this.checkVersion();
      } else {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('foreign_keys = ON');
        this.db.pragma('synchronous = NORMAL');
        this.migrate();
      }
      this.lexical = createFts5LexicalIndex(this.db);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`Cannot open the corpus store at ${this.path}: ${(error as Error).message}`, this.path);
    }
  }

  private get statements(): ReturnType<CorpusStore['prepareStatements']> {
    this.statementCache ??= this.prepareStatements();
    return this.statementCache;
  }

  private prepareStatements() {
    return {
      passageCount: this.db.prepare('SELECT COUNT(*) FROM passages').pluck(),
      passage: this.db.prepare('SELECT * FROM passages WHERE id = ?'),
      documentByFile: this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE file = ?`),
      documentIdByFile: this.db.prepare('SELECT id FROM documents WHERE file = ?').pluck(),
      passageIdsOfDocument: this.db.prepare('SELECT id FROM passages WHERE doc_id = ?').pluck(),
      passagesOfDocument: this.db.prepare('SELECT * FROM passages WHERE doc_id = ? ORDER BY n'),
      passageIdByPid: this.db.prepare('SELECT id FROM passages WHERE pid = ?').pluck(),
      figuresOfPassage: this.db.prepare(
        'SELECT id, doc_id, passage_id, json FROM figures WHERE passage_id = ? ORDER BY id',
      ),
      figureStarts: this.db
        .prepare("SELECT json_extract(json, '$.start') FROM figures WHERE passage_id = ? ORDER BY id")
        .pluck(),
      deleteDocument: this.db.prepare('DELETE FROM documents WHERE id = ?'),
      insertDocument: this.db.prepare(
        `INSERT INTO documents (file, hash, title, province, year, period_label, period_key, period_kind, months,
          source_url, published, text, warnings, passage_count, figure_count, ingested_at)
         VALUES (@file, @hash, @title, @province, @year, @periodLabel, @periodKey, @periodKind, @months,
          @sourceUrl, @published, @text, @warnings, @passageCount, @figureCount, @ingestedAt)`,
      ),
      insertPassage: this.db.prepare(
        'INSERT INTO passages (doc_id, pid, n, heading, text, footnotes, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertFigure: this.db.prepare(
        'INSERT INTO figures (doc_id, passage_id, json, indicator, kind, value) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  private storedVersion(): number | null {
    const hasMeta = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").get();
    const version = hasMeta
      ? (this.db.prepare("SELECT value FROM meta WHERE key='schema_version'").get() as { value: string } | undefined)
      : undefined;
    return version ? Number(version.value) : null;
  }

  private migrate(): void {
    const version = this.storedVersion();
    if (version === STORE_SCHEMA_VERSION) return;
    this.db
      .transaction(() => {
        if (version !== null) {
          // Reports are the source of truth: an older layout is dropped and re-ingested.
          this.db.exec(
            [...FTS5_TABLES, 'figures', 'passages', 'documents'].map((t) => `DROP TABLE IF EXISTS ${t};`).join(' '),
          );
        }
        this.db.exec(SCHEMA_SQL);
        this.db
          .prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)")
          .run(String(STORE_SCHEMA_VERSION));
      })
      .immediate();
  }

  private checkVersion(): void {
    const version = this.storedVersion();
    if (version !== STORE_SCHEMA_VERSION) {
      throw new StoreError(
        `The corpus store at ${this.path} has layout ${version ?? 'none'}, this version reads ${STORE_SCHEMA_VERSION}: ` +
          `rebuild it with \`npm run ingest -- --index ${this.indexDir}\` (read-only views never migrate)`,
        this.path,
      );
    }
  }

  /** The reports folder the store was built from (absolute), or null when none is recorded yet. */
  reportsFolder(): string | null {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'reports_dir'").get() as
      { value: string } | undefined;
    return row ? resolve(this.indexDir, row.value) : null;
  }

  /**
   * Records the reports folder. Kept relative to the index folder, so that a project moved or
   * copied whole (reports and index together) still matches.
   */
  recordReportsFolder(reportsDir: string): void {
    const from = realPath(this.indexDir);
    const target = realPath(reportsDir);
    const stored = relative(from, target) || '.';
    this.db
      .prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('reports_dir', ?)")
      .run(isAbsolute(stored) ? target : stored);
  }

  /**
   * Takes the index's exclusive ingest lock (a file beside the store); nested calls on the same
   * store share it. Throws `IngestLockedError` when another process holds it.
   */
  lockForIngest(): () => void {
    if (this.ingestLocks === 0) this.releaseIngestLock = acquireIngestLock(this.indexDir);
    this.ingestLocks += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.ingestLocks -= 1;
      if (this.ingestLocks === 0) {
        this.releaseIngestLock?.();
        this.releaseIngestLock = null;
      }
    };
  }

  /** Content hash of a stored file, to skip unchanged reports. */
  documentHash(file: string): string | undefined {
    return this.documentByFile(file)?.hash;
  }

  /** One stored document by file name (an indexed lookup, whatever the size of the corpus). */
  documentByFile(file: string): StoredDocument | undefined {
    const row = this.statements.documentByFile.get(file) as DocumentRow | undefined;
    return row ? toDocument(row) : undefined;
  }

  /** Replaces a document with its passages and figures in one transaction. */
  replaceDocument(doc: DocumentInput, passages: PassageInput[]): void {
    this.replaceDocuments([{ doc, passages }]);
  }

  /**
   * Replaces documents with their passages and figures, all in one
   * transaction: a batch costs one commit instead of one per document.
   */
  replaceDocuments(batch: DocumentWrite[]): void {
    if (batch.length === 0) return;
    const st = this.statements;
    const ingestedAt = new Date().toISOString();
    this.db
      .transaction(() => {
        for (const { doc, passages } of batch) {
          this.deleteDocumentRows(doc.file);
          const docId = Number(
            st.insertDocument.run({
              ...doc,
              warnings: JSON.stringify(doc.warnings),
              passageCount: passages.length,
              figureCount: passages.reduce((n, p) => n + p.figures.length, 0),
              ingestedAt,
            }).lastInsertRowid,
          );
          for (const p of passages) {
            const pid = `${doc.file}#${p.n}`;
            const passageId = Number(
              st.insertPassage.run(docId, pid, p.n, p.heading, p.text, p.footnotes, p.start, p.end).lastInsertRowid,
            );
            this.lexical.add([
              {
                id: passageId,
                docId,
                province: doc.province,
                year: doc.year,
                heading: p.heading,
                body: p.footnotes ? `${p.text}\n${p.footnotes}` : p.text,
              },
            ]);
            for (const f of p.figures) {
              st.insertFigure.run(docId, passageId, JSON.stringify(f), f.indicator, f.kind, f.value);
            }
          }
        }
      })
      .immediate();
    this.clearCaches();
  }

  /** Removes a document and everything derived from it. Returns whether it existed. */
  removeDocument(file: string): boolean {
    const removed = this.db.transaction(() => this.deleteDocumentRows(file)).immediate();
    this.clearCaches();
    return removed;
  }

  /** Removes documents in one transaction; returns the files that existed. */
  removeDocuments(files: string[]): string[] {
    const removed = this.db.transaction(() => files.filter((f) => this.deleteDocumentRows(f))).immediate();
    this.clearCaches();
    return removed;
  }

  private deleteDocumentRows(file: string): boolean {
    const st = this.statements;
    const id = st.documentIdByFile.get(file) as number | undefined;
    if (id === undefined) return false;
    this.lexical.remove((st.passageIdsOfDocument.all(id) as number[]).map(Number));
    st.deleteDocument.run(id);
    return true;
  }

  private clearCaches(): void {
    this.passageTotal = null;
    this.passageDocs = null;
    this.termStatsCache.clear();
    this.keyCache.clear();
    this.passageCache.clear();
    this.figureCache.clear();
    this.documentCache = null;
    this.documentById = null;
  }

  /**
   * Drops the caches when another connection (the ingest command, an upload's worker) committed
   * since the last look; SQLite's `data_version` changes only then. Every search starts with
   * `documents()`, so that is where it is checked.
   */
  private refreshIfChanged(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.dataVersion !== null && version !== this.dataVersion) this.clearCaches();
    this.dataVersion = version;
  }

  documents(): StoredDocument[] {
    this.refreshIfChanged();
    this.documentCache ??= (
      this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY file`).all() as DocumentRow[]
    ).map(toDocument);
    return this.documentCache;
  }

  /** File names of every stored document, without building the documents. */
  documentFiles(): string[] {
    return this.db.prepare('SELECT file FROM documents ORDER BY file').pluck().all() as string[];
  }

  document(docId: number): StoredDocument | undefined {
    this.documentById ??= new Map(this.documents().map((d) => [d.id, d]));
    return this.documentById.get(docId);
  }

  documentText(docId: number): string {
    const row = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(docId) as { text: string } | undefined;
    return row?.text ?? '';
  }

  /** Identity of the corpus as a whole, for the vector index manifest. */
  corpusHash(): string {
    const hash = createHash('sha256');
    for (const d of this.documents()) hash.update(`${d.file}:${d.hash}\n`);
    return hash.digest('hex').slice(0, 16);
  }

  passage(passageId: number): StoredPassage | undefined {
    const cached = this.passageCache.get(passageId);
    if (cached) return cached;
    const row = this.statements.passage.get(passageId) as PassageRow | undefined;
    if (!row) return undefined;
    const passage = toPassage(row);
    remember(this.passageCache, passageId, passage);
    return passage;
  }

  /** The document of a passage, from one index of every passage's document (read once, in one scan). */
  docIdOf(passageId: number): number | undefined {
    const docId = this.passageIndex().docOf[passageId];
    return docId ? docId : undefined;
  }

  /** Passage ids of these documents, from the same index (a scoped vector search). */
  passageIdsOfDocuments(docIds: Iterable<number>): number[] {
    const { passagesOf } = this.passageIndex();
    const out: number[] = [];
    for (const docId of docIds) for (const id of passagesOf.get(docId) ?? []) out.push(id);
    return out;
  }

  private passageIndex(): PassageDocs {
    if (!this.passageDocs) {
      const rows = this.db.prepare('SELECT id, doc_id FROM passages ORDER BY id').raw().all() as [number, number][];
      // Row ids are dense from 1, so an array indexed by passage id holds every document id in 4 bytes.
      const docOf = new Int32Array((rows.at(-1)?.[0] ?? 0) + 1);
      const passagesOf = new Map<number, number[]>();
      for (const [id, docId] of rows) {
        docOf[id] = docId;
        const list = passagesOf.get(docId);
        if (list) list.push(id);
        else passagesOf.set(docId, [id]);
      }
      this.passageDocs = { docOf, passagesOf };
    }
    return this.passageDocs;
  }

  passageByPid(pid: string): StoredPassage | undefined {
    const id = this.statements.passageIdByPid.get(pid) as number | undefined;
    return id === undefined ? undefined : this.passage(Number(id));
  }

  passagesOfDocument(docId: number): StoredPassage[] {
    const rows = this.statements.passagesOfDocument.all(docId) as PassageRow[];
    return rows.map(toPassage);
  }

  /** Row ids of every passage (the labels of the vector index). */
  passageIds(): number[] {
    return (this.db.prepare('SELECT id FROM passages ORDER BY id').pluck().all() as number[]).map(Number);
  }

  /** Passage texts for embedding: heading, body and footnotes together. */
  passageTexts(ids: number[]): { id: number; text: string }[] {
    const out: { id: number; text: string }[] = [];
    for (const id of ids) {
      const p = this.passage(id);
      if (!p) continue;
      const parts = [p.heading, p.text, p.footnotes].filter(Boolean);
      out.push({ id, text: parts.join('\n') });
    }
    return out;
  }

  figuresOfPassage(passageId: number): StoredFigure[] {
    const cached = this.figureCache.get(passageId);
    if (cached) return cached;
    const rows = this.statements.figuresOfPassage.all(passageId) as {
      id: number;
      doc_id: number;
      passage_id: number;
      json: string;
    }[];
    const figures = rows.map(toFigure);
    remember(this.figureCache, passageId, figures);
    return figures;
  }

  /** Where each figure of a passage starts, in order: the figures' offsets without reading them whole. */
  figureStarts(passageId: number): number[] {
    const cached = this.figureCache.get(passageId);
    if (cached) return cached.map((f) => f.start);
    return (this.statements.figureStarts.all(passageId) as number[]).map(Number);
  }

  figuresByIndicator(indicator: string): StoredFigure[] {
    const rows = this.db
      .prepare('SELECT id, doc_id, passage_id, json FROM figures WHERE indicator = ? ORDER BY id')
      .all(indicator) as { id: number; doc_id: number; passage_id: number; json: string }[];
    return rows.map(toFigure);
  }

  /** Passages holding each term or phrase, for rarity weights; cached until the next write. */
  termDocFreq(terms: string[]): Map<string, number> {
    return new Map([...this.termStats(terms)].map(([term, stats]) => [term, stats.docs]));
  }

  /**
   * Passages holding each term or phrase and the postings a search reads to find it; cached until
   * the next write (counting a common pair reads its whole list: milliseconds at national scale).
   */
  termStats(terms: string[]): Map<string, TermStats> {
    const missing = terms.filter((t) => !this.termStatsCache.has(t));
    if (missing.length > 0) {
      for (const [term, stats] of this.lexical.termStats(missing)) {
        if (this.termStatsCache.size >= TERM_CACHE_SIZE)
          this.termStatsCache.delete(this.termStatsCache.keys().next().value!);
        this.termStatsCache.set(term, stats);
      }
    }
    const out = new Map<string, TermStats>();
    for (const term of terms) out.set(term, this.termStatsCache.get(term) ?? { docs: 0, postings: 0 });
    return out;
  }

  passageCount(): number {
    this.passageTotal ??= Number(this.statements.passageCount.get());
    return this.passageTotal;
  }

  /**
   * Accent-free and accented word forms of a passage (body, footnotes, heading), space-padded, cached.
   * The accented forms are made on first use: an accent-free question never needs them, and the
   * accent-free form rules most passages out before they are asked for.
   */
  passageKeys(passage: StoredPassage): PassageKeys {
    const cached = this.keyCache.get(passage.id);
    if (cached) return cached;
    const keys = new PassageKeys(`${passage.text} ${passage.footnotes} ${passage.heading ?? ''}`, (word) => {
      let c = this.wordCache.get(word);
      if (c === undefined) {
        if (this.wordCache.size >= WORD_CACHE_SIZE) this.wordCache.clear();
        c = canonical(word);
        this.wordCache.set(word, c);
      }
      return c;
    });
    remember(this.keyCache, passage.id, keys);
    return keys;
  }

  logQuestion(entry: { question: string; kind: string; answered: boolean; lang: string; chatType: string }): void {
    const at = new Date().toISOString();
    this.db
      .prepare(
        'INSERT INTO questions (at, day, question, kind, answered, lang, chat_type) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at, at.slice(0, 10), entry.question, entry.kind, entry.answered ? 1 : 0, entry.lang, entry.chatType);
  }

  saveFeedback(entry: { question: string; answerText: string; userHash: string; vote: 1 | -1 }): void {
    this.db
      .prepare('INSERT INTO feedback (at, question, answer_text, user_hash, vote) VALUES (?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), entry.question, entry.answerText, entry.userHash, entry.vote);
  }

  feedbackCount(): number {
    return Number(this.db.prepare('SELECT COUNT(*) FROM feedback').pluck().get());
  }

  stats(days: number): {
    days: { day: string; questions: number; answered: number; nothingFound: number }[];
    unanswered: string[];
  } {
    const since = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    const rows = this.db
      .prepare(
        `SELECT day, COUNT(*) AS questions, SUM(answered) AS answered, SUM(1 - answered) AS nothingFound
         FROM questions WHERE day >= ? GROUP BY day ORDER BY day DESC`,
      )
      .all(since) as { day: string; questions: number; answered: number; nothingFound: number }[];
    const unanswered = this.db
      .prepare('SELECT question FROM questions WHERE answered = 0 AND day >= ? ORDER BY id DESC LIMIT 10')
      .pluck()
      .all(since) as string[];
    return { days: rows, unanswered };
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.releaseIngestLock?.();
    this.releaseIngestLock = null;
    this.ingestLocks = 0;
  }
}

/** Each passage's document and each document's passages. */
interface PassageDocs {
  /** Document id by passage id; 0 where there is no passage. */
  docOf: Int32Array;
  passagesOf: Map<number, number[]>;
}

/** A passage's words for matching a question's: accent-free, and accented (one tone placement). */
export class PassageKeys {
  /** Accent-free words between single spaces, padded: ` ty le ho ngheo `. */
  readonly folded: string;
  private accented: string | null = null;

  constructor(
    private readonly body: string,
    /** canonical() of one word, memoised by the store: the same few thousand syllables recur everywhere. */
    private readonly canonicalWord: (word: string) => string,
  ) {
    this.folded = ` ${fold(body).replace(/[^a-z0-9]+/g, ' ')} `;
  }

  /** Accented words between single spaces, padded: ` tỷ lệ hộ nghèo `. */
  get canonical(): string {
    if (this.accented === null) {
      // Placing tones is most of what a cold candidate costs to score, hence word by word through the memo.
      const words = this.body.normalize('NFC').replace(/[\p{L}\p{M}]+/gu, this.canonicalWord);
      this.accented = ` ${words.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    }
    return this.accented;
  }
}

/** The real path of a folder that exists, else its absolute path: symlinked and plain paths compare equal. */
export function realPath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/** Caches are bounded (oldest out first): a large corpus must not end up whole in memory through them. */
function remember<V>(cache: Map<number, V>, key: number, value: V): void {
  if (cache.size >= PASSAGE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

function toDocument(r: DocumentRow): StoredDocument {
  return {
    id: r.id,
    file: r.file,
    hash: r.hash,
    title: r.title,
    province: r.province,
    year: r.year,
    periodLabel: r.period_label,
    periodKey: r.period_key,
    periodKind: r.period_kind,
    months: r.months,
    sourceUrl: r.source_url,
    published: r.published,
    warnings: JSON.parse(r.warnings) as string[],
    passages: r.passage_count,
    figures: r.figure_count,
  };
}

function toPassage(row: PassageRow): StoredPassage {
  return {
    id: row.id,
    pid: row.pid,
    docId: row.doc_id,
    n: row.n,
    heading: row.heading,
    text: row.text,
    footnotes: row.footnotes,
    start: row.start,
    end: row.end,
  };
}

function toFigure(row: { id: number; doc_id: number; passage_id: number; json: string }): StoredFigure {
  return { ...(JSON.parse(row.json) as Figure), id: row.id, docId: row.doc_id, passageId: row.passage_id };
}
