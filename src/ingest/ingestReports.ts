import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { figureEvidence, type EvidenceContext } from '../figures/evidence.js';
import { parseFigures } from '../figures/parse.js';
import type { Figure } from '../figures/types.js';
import type { CorpusStore, DocumentWrite, PassageInput, StoredDocument } from '../store/corpusStore.js';
import { claimReportsFolder } from '../store/reportsFolder.js';
import { cleanReport } from './clean.js';
import { IngestError } from './errors.js';
import { loadManifest, type ManifestEntry } from './manifest.js';
import { createParsePool } from './parsePool.js';
import { splitPassages } from './passages.js';
import { detectPeriod, inferUnstatedPeriod, parsePeriodQuery, periodSpan, type PeriodQuery } from './period.js';
import { detectProvince, officialName } from './provinces.js';
import { convertReport, isReportFile, readReportFile, REPORT_EXTENSIONS } from './convert/registry.js';
import { layoutTables, tableEvidence, type TableRow } from './convert/tables.js';

export { REPORT_EXTENSIONS };

/**
 * Version of what ingest makes of a file: cleaning, passages, figures and their
 * evidence, the taxonomy. It is part of each file's skip key, so a change to
 * any of them re-ingests every file. Bump it with such a change.
 */
export const PIPELINE_VERSION = 8;

export interface IngestedDocumentSummary {
  file: string;
  title: string;
  province: string | null;
  year: number | null;
  period: string | null;
  passages: number;
  figures: number;
  warnings: string[];
  status: 'added' | 'updated' | 'unchanged' | 'removed' | 'failed';
}

export interface IngestSummary {
  documents: IngestedDocumentSummary[];
  /** Warnings about the run as a whole (the manifest, skipped files); per-file ones sit with the file. */
  warnings: string[];
  /** The run was stopped by its signal before every file was read; a re-run continues. */
  stopped: boolean;
}

export interface IngestProgress {
  /** Report files seen so far, of `total`. */
  done: number;
  total: number;
  /** Bytes of the files seen so far. */
  bytes: number;
  file: string;
}

export interface IngestOptions {
  store: CorpusStore;
  reportsDir: string;
  /** Defaults to `reports.json` beside the reports folder, then inside it. */
  manifestPath?: string;
  /** Ingest just these files (an admin upload); other stored reports are kept. */
  only?: string[];
  maxBytes?: number;
  /** Switches a store built from another folder to this one (its other documents are dropped). */
  reindex?: boolean;
  /** Called after each report file. */
  onProgress?: (progress: IngestProgress) => void;
  /** Stops the run after the document in hand (Ctrl-C, SIGTERM); the batch in hand is committed, every stored document is whole. */
  signal?: AbortSignal;
  /**
   * Worker threads that parse while this one writes. Default: one fewer than the cores (at least
   * one) for a folder of `POOL_MIN_FILES` reports or more, else none; 0 parses in this thread.
   */
  workers?: number;
}

/**
 * The key a stored document is skipped by: the same key means the same stored
 * result, so the file is not parsed again. Anything that changes what ingest
 * makes of the same bytes belongs in it.
 */
export function skipKey(bytes: Uint8Array, entry: ManifestEntry): string {
  return createHash('sha256')
    .update(`pipeline ${PIPELINE_VERSION}\n`)
    .update(bytes)
    .update(JSON.stringify(entry))
    .digest('hex');
}

/** Documents written per transaction: one commit per batch, not per document. */
const BATCH_DOCUMENTS = 64;
/** A batch is also written once it holds this many passages, so memory stays bounded. */
const BATCH_PASSAGES = 4_000;
/**
 * Below this many reports a folder is parsed in the writing thread: a worker takes most of a second
 * to start (it loads every converter), and a few batches give little to overlap (measured: 300
 * files take as long either way, 1,000 a quarter less with one worker).
 */
const POOL_MIN_FILES = 256;
/** Files each worker may have in hand beyond a batch, so that none waits for work. */
const JOBS_PER_WORKER = 4;

/**
 * Brings the store in line with the reports folder: new and changed files are
 * (re)ingested in batched transactions, unchanged ones skipped by their skip
 * key without parsing, removed ones dropped. A bad file is one warning; what
 * was stored stays. Each file costs the same whatever the size of the store.
 *
 * The run holds the index's ingest lock (`IngestLockedError` when another process ingests), and
 * refuses a folder other than the one the store was built from (`ReportsFolderMismatchError`)
 * unless `reindex` is set.
 */
export async function ingestReports(options: IngestOptions): Promise<IngestSummary> {
  const { store, reportsDir } = options;
  if (!existsSync(reportsDir) || !statSync(reportsDir).isDirectory()) {
    throw new IngestError(`Reports folder not found: ${reportsDir}`, reportsDir, 'unreadable');
  }
  const release = store.lockForIngest();
  try {
    claimReportsFolder(store, reportsDir, { reindex: options.reindex ?? false });
    return await syncFolder(options);
  } finally {
    release();
  }
}

async function syncFolder(options: IngestOptions): Promise<IngestSummary> {
  const { store, reportsDir, signal } = options;
  const warnings: string[] = [];
  const manifestPath = options.manifestPath ?? findManifest(reportsDir);
  const { manifest, warnings: manifestWarnings } = manifestPath
    ? loadManifest(manifestPath)
    : { manifest: {}, warnings: [] };
  warnings.push(...manifestWarnings);

  const listed = readdirSync(reportsDir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'reports.json')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const entries = listed.filter((e) => e.isFile()).map((e) => e.name);
  const wanted = (file: string) => !options.only || options.only.includes(file);
  const files = entries.filter(wanted);
  const documents: IngestedDocumentSummary[] = [];
  const reports = files.filter((file) => {
    if (isReportFile(file)) return true;
    warnings.push(`${file}: skipped, not a report file (${REPORT_EXTENSIONS.join(', ')})`);
    return false;
  });

  // Something else under a report's name is skipped, said so, and what was stored stays.
  const notFiles = listed.filter((e) => !e.isFile() && isReportFile(e.name));
  for (const entry of notFiles.filter((e) => wanted(e.name))) {
    const stored = store.documentByFile(entry.name);
    const kept = stored ? '; the version stored earlier is kept' : '';
    documents.push({
      ...(stored ? summaryOf(stored) : emptySummary(entry.name)),
      warnings: [`${entry.name}: ${entryKind(entry)}, not a regular file; skipped${kept}`],
      status: 'failed',
    });
  }
  if (!options.only) {
    const names = new Set(listed.map((e) => e.name));
    for (const file of Object.keys(manifest)) {
      if (!names.has(file)) warnings.push(`${manifestPath}: entry "${file}" names no file in ${reportsDir}; unused`);
    }
  }

  let batch: DocumentWrite[] = [];
  let batchPassages = 0;
  const flush = () => {
    store.replaceDocuments(batch);
    batch = [];
    batchPassages = 0;
  };
  let stopped = false;
  let bytes = 0;
  const workers = options.workers ?? (reports.length >= POOL_MIN_FILES ? Math.max(1, availableParallelism() - 1) : 0);
  // Its workers start with the first file to parse: a run over unchanged files starts none.
  const pool = workers > 0 ? createParsePool(workers) : null;
  const parse = pool?.parse ?? parseReport;
  // Files are read ahead into the pool, and their results taken in file order. A batch's write
  // holds this thread for a while: the workers then parse the next batch's files.
  const ahead = workers > 0 ? BATCH_DOCUMENTS + workers * JOBS_PER_WORKER : 1;
  const inHand: Promise<IngestedFile>[] = [];
  let started = 0;
  try {
    for (const [i, file] of reports.entries()) {
      if (signal?.aborted) {
        stopped = true;
        break;
      }
      for (; started < reports.length && started < i + ahead; started++) {
        const next = reports[started]!;
        const path = join(reportsDir, next);
        inHand.push(ingestSafely(store, path, manifest[next] ?? {}, options.maxBytes, next, parse));
      }
      const result = await inHand.shift()!;
      documents.push(result.summary);
      bytes += result.bytes;
      if (result.write) {
        batch.push(result.write);
        batchPassages += result.write.passages.length;
        if (batch.length >= BATCH_DOCUMENTS || batchPassages >= BATCH_PASSAGES) flush();
      }
      options.onProgress?.({ done: i + 1, total: reports.length, bytes, file });
      // Results parsed ahead are taken without waiting: the event loop must still turn between
      // documents, or a Ctrl-C and the progress timer would be seen only at the end of the run.
      await nextTurn();
    }
  } finally {
    // What was parsed is kept, also when a later file threw or the run was stopped.
    flush();
    // Files read ahead of a stop are dropped: their jobs fail as the workers stop, before the caller may close the store.
    await pool?.close();
    await Promise.all(inHand);
  }

  if (!options.only && !stopped) {
    const present = new Set([...entries, ...notFiles.map((e) => e.name)]);
    const gone = store.documentFiles().filter((f) => !present.has(f));
    const removed = gone.map((f) => store.documentByFile(f)).filter((d): d is StoredDocument => d !== undefined);
    store.removeDocuments(gone);
    for (const doc of removed) {
      documents.push({ ...summaryOf(doc), passages: 0, figures: 0, warnings: [], status: 'removed' });
    }
  }
  return { documents, warnings, stopped };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface UploadOptions {
  store: CorpusStore;
  reportsDir: string;
  manifestPath?: string;
  /** The name the report is stored under (and will have in the reports folder). */
  file: string;
  /** Where its bytes are until they are checked: a temporary file. */
  path: string;
  maxBytes?: number;
}

/** Ingests one uploaded file from its temporary place under the name it will have. */
export async function ingestUpload(options: UploadOptions): Promise<IngestSummary> {
  const release = options.store.lockForIngest();
  try {
    return await ingestUploadLocked(options);
  } finally {
    release();
  }
}

async function ingestUploadLocked(options: UploadOptions): Promise<IngestSummary> {
  const manifestPath = options.manifestPath ?? findManifest(options.reportsDir);
  const { manifest, warnings } = manifestPath ? loadManifest(manifestPath) : { manifest: {}, warnings: [] };
  const result = await ingestSafely(
    options.store,
    options.path,
    manifest[options.file] ?? {},
    options.maxBytes,
    options.file,
  );
  if (result.write) options.store.replaceDocuments([result.write]);
  return { documents: [result.summary], warnings, stopped: false };
}

function entryKind(entry: Dirent): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isDirectory()) return 'a folder';
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  return 'a device file';
}

function findManifest(reportsDir: string): string | undefined {
  const candidates = [join(dirname(reportsDir), 'reports.json'), join(reportsDir, 'reports.json')];
  return candidates.find((p) => existsSync(p));
}

export interface IngestedFile {
  summary: IngestedDocumentSummary;
  /** The document to store; none when unchanged or failed. */
  write?: DocumentWrite;
  bytes: number;
}

/** A file to read and parse: everything the store knows of it is here, so any thread can do it. */
export interface ParseJob {
  path: string;
  entry: ManifestEntry;
  maxBytes: number | undefined;
  /** The name it is stored under (an upload's differs from its temporary path). */
  file: string;
  /** What is stored under that name now. */
  stored: StoredDocument | undefined;
  /** Its skip key; null when not read for one yet (nothing stored) or when it could not be read. */
  key: { key: string; bytes: number } | null;
}

/** Reads and parses a report file: in this thread, or in a pool's (`parsePool.ts`). */
export type ParseReport = (job: ParseJob) => Promise<IngestedFile>;

/** The file's skip key, or null when it cannot be read (reading it again then reports why). */
function keyOf(path: string, entry: ManifestEntry): { key: string; bytes: number } | null {
  const read = readKeyed(path, entry);
  return read && { key: read.key, bytes: read.bytes };
}

/** The file's bytes with its skip key, or null when it cannot be read. */
function readKeyed(path: string, entry: ManifestEntry): { key: string; bytes: number; data: Buffer } | null {
  try {
    const data = readFileSync(path);
    return { key: skipKey(data, entry), bytes: data.length, data };
  } catch {
    return null;
  }
}

/** One file that fails in any way (a parser's stack, a bug) is one warning; the run goes on. */
async function ingestSafely(
  store: CorpusStore,
  path: string,
  entry: ManifestEntry,
  maxBytes: number | undefined,
  file = basename(path),
  parse: ParseReport = parseReport,
): Promise<IngestedFile> {
  try {
    return await ingestOne(store, path, entry, maxBytes, file, parse);
  } catch (error) {
    const stored = store.documentByFile(file);
    const reason = `${file}: could not be ingested (${error instanceof Error ? error.message : String(error)})`;
    const kept = stored ? '; the version stored earlier is kept' : '';
    const summary = { ...(stored ? summaryOf(stored) : emptySummary(file)), warnings: [reason + kept] };
    return { summary: { ...summary, status: 'failed' }, bytes: 0 };
  }
}

async function ingestOne(
  store: CorpusStore,
  path: string,
  entry: ManifestEntry,
  maxBytes: number | undefined,
  file: string,
  parse: ParseReport,
): Promise<IngestedFile> {
  const stored = store.documentByFile(file);
  // With nothing stored there is nothing to skip: the file's key is left to its parse, which may run in a worker.
  const key = stored ? keyOf(path, entry) : null;
  if (stored && key && stored.hash === key.key) {
    return { summary: { ...summaryOf(stored), warnings: stored.warnings, status: 'unchanged' }, bytes: key.bytes };
  }
  return parse({ path, entry, maxBytes, file, stored, key });
}

/** What ingest makes of a changed or new file; touches no store, so a worker thread can run it. */
export async function parseReport(job: ParseJob): Promise<IngestedFile> {
  const { path, entry, maxBytes, file, stored } = job;
  // A new file is read once, here, for its key and its text; a stored one was read for its key already.
  const read = job.key ? null : readKeyed(path, entry);
  const key = job.key ?? read;
  const bytes = key?.bytes ?? 0;
  let raw: Awaited<ReturnType<typeof readReportFile>>;
  try {
    const limit = maxBytes ? { maxBytes } : undefined;
    // An upload sits under a temporary name: its messages must name the report.
    if (file !== basename(path)) raw = await convertReport(read?.data ?? readFileSync(path), file, limit);
    // What `readReportFile` does once it has read the bytes.
    else if (read) raw = await convertReport(read.data, path, limit);
    else raw = await readReportFile(path, limit);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const kept = stored ? '; the version stored earlier is kept' : '';
    const summary = { ...(stored ? summaryOf(stored) : emptySummary(file)), warnings: [reason + kept] };
    return { summary: { ...summary, status: 'failed' }, bytes };
  }
  const hash = key?.key ?? skipKey(readFileSync(path), entry);

  const cleaned = cleanReport(raw.text, raw.markup);
  const warnings = [...raw.warnings, ...cleaned.warnings];
  const { text, rows } = layoutTables(cleaned.text);
  const kept = stored ? '; the version stored earlier is kept' : '';
  if (text.trim().length === 0) {
    const summary = {
      ...(stored ? summaryOf(stored) : emptySummary(file)),
      warnings: [`nothing left after removing page furniture${kept}`],
    };
    return { summary: { ...summary, status: 'failed' }, bytes };
  }

  const title = entry.title ?? raw.title ?? cleaned.titleCandidates[0] ?? null;
  const province = resolveProvince(entry, text, title, warnings);
  const period = resolvePeriod(entry, text, title, raw.published ?? cleaned.published ?? null, warnings);
  const passageInputs = cutPassages(text, { reportYear: period.year }, rows);
  const figureCount = passageInputs.reduce((sum, p) => sum + p.figures.length, 0);
  const finalTitle = title ?? defaultTitle(province);
  if (stored && stored.figures > 0 && figureCount === 0) {
    // A page of menus and headlines saved under a report's name must not replace the report.
    const warning = `no figures left after removing page furniture (${cleaned.removed.length} lines removed)${kept}`;
    return { summary: { ...summaryOf(stored), warnings: [warning], status: 'failed' }, bytes };
  }

  const doc = {
    file,
    hash,
    title: finalTitle,
    province,
    year: period.year,
    periodLabel: period.label,
    periodKey: period.key,
    periodKind: period.kind,
    months: period.months,
    sourceUrl: entry.source_url ?? null,
    published: entry.published ?? raw.published ?? cleaned.published ?? null,
    text,
    warnings,
  };
  return {
    summary: {
      file,
      title: finalTitle,
      province,
      year: period.year,
      period: period.label,
      passages: passageInputs.length,
      figures: figureCount,
      warnings,
      status: stored ? 'updated' : 'added',
    },
    write: { doc, passages: passageInputs },
    bytes,
  };
}

/**
 * Passages of a cleaned text with their figures. Figures of footnotes get
 * offsets past the passage body (`text + '\n' + footnotes`), as they are stored.
 * Table rows are passages of their own, with the figures read from their cells.
 */
export function cutPassages(
  text: string,
  ctx: EvidenceContext = { reportYear: null },
  rows: readonly TableRow[] = [],
): PassageInput[] {
  const byStart = new Map(rows.map((r) => [r.start, r]));
  return splitPassages(text, new Set(byStart.keys())).map((p) => {
    const footnotes = p.footnotes.map((f) => f.text).join('\n');
    const row = byStart.get(p.start);
    const figures: Figure[] = row ? [...row.figures] : parseFigures(p.text);
    if (footnotes) {
      const offset = p.text.length + 1;
      for (const f of parseFigures(footnotes)) figures.push({ ...f, start: f.start + offset, end: f.end + offset });
    }
    const full = footnotes ? `${p.text}\n${footnotes}` : p.text;
    // A paragraph cut into several passages keeps its opening (`Trong năm 2024, …`) for the later ones.
    const paragraphStart = text.lastIndexOf('\n', p.start - 1) + 1;
    const evidence = figureEvidence(full, figures, { ...ctx, lead: text.slice(paragraphStart, p.start) });
    // A table cell's header, not the words around it, says what the figure is.
    figures.forEach((f, i) => (f.evidence = f.table ? tableEvidence(f, evidence[i]!) : evidence[i]));
    return { n: p.n, heading: p.heading, text: p.text, footnotes, start: p.start, end: p.end, figures };
  });
}

function resolveProvince(entry: ManifestEntry, text: string, title: string | null, warnings: string[]): string | null {
  if (entry.province) {
    const official = officialName(entry.province);
    if (official) return official;
    warnings.push(`manifest province "${entry.province}" is not a known province; detecting from the text`);
  }
  const detected = detectProvince(text, title ? { title } : {});
  if (!detected.province) {
    warnings.push('no province found in the text; set "province" for this file in reports.json');
  }
  return detected.province;
}

interface ResolvedPeriod {
  year: number | null;
  label: string | null;
  key: string | null;
  kind: string | null;
  months: number | null;
}

/** A period named by a key (the manifest's, or one inferred) as the document stores it. */
function resolvedFrom(key: string, period: PeriodQuery): ResolvedPeriod {
  return { year: period.year, label: period.label, key, kind: period.kind, months: periodSpan(key)?.months ?? null };
}

function resolvePeriod(
  entry: ManifestEntry,
  text: string,
  title: string | null,
  published: string | null,
  warnings: string[],
): ResolvedPeriod {
  if (entry.period) {
    const parsed = parsePeriodQuery(entry.period);
    if (parsed.key) return resolvedFrom(parsed.key, parsed);
    warnings.push(`manifest period "${entry.period}" not understood; detecting from the text`);
  }
  const detected = detectPeriod(text, title ? { title } : undefined);
  if (!detected.key) {
    const inferred = inferUnstatedPeriod(text, entry.published ?? published);
    if (inferred?.key) {
      warnings.push(`the text states no year: period taken as ${inferred.label} (from the text and its date)`);
      return resolvedFrom(inferred.key, inferred);
    }
    warnings.push('no reporting period found in the text; set "period" for this file in reports.json');
  }
  return {
    year: detected.year,
    label: detected.label,
    key: detected.key,
    kind: detected.kind,
    months: detected.months ?? (detected.key ? (periodSpan(detected.key)?.months ?? null) : null),
  };
}

/** A report without a headline: the sources line already gives its province and period. */
function defaultTitle(province: string | null): string {
  return province
    ? `Báo cáo ngành Lao động - Thương binh và Xã hội ${province}`
    : 'Báo cáo ngành Lao động - Thương binh và Xã hội';
}

function summaryOf(doc: {
  file: string;
  title: string;
  province: string | null;
  year: number | null;
  periodLabel: string | null;
  passages: number;
  figures: number;
}): Omit<IngestedDocumentSummary, 'warnings' | 'status'> {
  return {
    file: doc.file,
    title: doc.title,
    province: doc.province,
    year: doc.year,
    period: doc.periodLabel,
    passages: doc.passages,
    figures: doc.figures,
  };
}

function emptySummary(file: string): Omit<IngestedDocumentSummary, 'warnings' | 'status'> {
  return { file, title: '', province: null, year: null, period: null, passages: 0, figures: 0 };
}
