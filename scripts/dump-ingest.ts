/**
 * What ingest stores for some reports folders, as JSON lines: each document
 * (its columns but the ingest time), its passages, its figures with their
 * evidence, and a digest of the lexical index's tokens of each passage. Two dumps of the
 * same folders compare with `cmp`; a change that should only make ingest
 * faster must leave them byte for byte the same.
 *
 *     npx tsx scripts/dump-ingest.ts OUT.jsonl DIR [DIR ...]
 *     npx tsx scripts/dump-ingest.ts OUT.jsonl --synthetic 500
 *
 * `--synthetic N` dumps N report files written as the ingest benchmark writes them.
 * `--fixtures` dumps the Word, PDF, HTML, Markdown and text test reports.
 */
import Database from 'better-sqlite3';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeReports } from '../bench/syntheticReports.js';
import { ingestReports } from '../src/ingest/ingestReports.js';
import { CorpusStore } from '../src/store/corpusStore.js';
import { makeReportFixtures } from './make-report-fixtures.js';

interface Folder {
  label: string;
  dir: string;
  /** Generated Word and PDF files carry the time they were made, so their bytes and skip keys differ every run. */
  hashes: boolean;
}

/** The folders named on the command line, made where asked (synthetic copies, format fixtures). */
async function folders(args: string[], tmp: string): Promise<Folder[]> {
  const out: Folder[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--synthetic') {
      const count = Number(args[++i]);
      const dir = join(tmp, `synthetic-${count}`);
      writeReports(dir, count);
      out.push({ label: `synthetic:${count}`, dir, hashes: true });
    } else if (arg === '--fixtures') {
      const dir = join(tmp, 'fixtures');
      await makeReportFixtures(dir);
      out.push({ label: 'fixtures', dir, hashes: false });
    } else {
      out.push({ label: arg, dir: resolve(arg), hashes: true });
    }
  }
  return out;
}

/**
 * A digest of each passage's lexical tokens (term, column, position), read in
 * one pass over the index: a look-up by passage would scan it whole each time.
 * Order-free (a sum of two 32-bit FNV-1a hashes a token), so no token list is held.
 */
function tokenDigests(db: Database.Database): Map<number, string> {
  // The FTS5 table is contentless: its tokens are read back through a vocabulary table of instances.
  db.exec("CREATE VIRTUAL TABLE temp.tokens USING fts5vocab(main, 'passages_fts', 'instance')");
  const sums = new Map<number, [number, number, number]>();
  const rows = db.prepare('SELECT doc, term, col, offset FROM tokens').raw().iterate() as Iterable<
    [number, string, string, number]
  >;
  for (const [doc, term, col, offset] of rows) {
    const token = `${col}\u0000${offset}\u0000${term}`;
    const sum = sums.get(doc) ?? [0, 0, 0];
    sum[0] = (sum[0] + fnv1a(token, 0x811c9dc5)) >>> 0;
    sum[1] = (sum[1] + fnv1a(token, 0x01000193)) >>> 0;
    sum[2] += 1;
    sums.set(doc, sum);
  }
  return new Map([...sums].map(([doc, [a, b, n]]) => [doc, `${n}:${a.toString(16)}:${b.toString(16)}`]));
}

function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Every stored row of one folder's store, document by document, in file order. */
function* storeLines(indexDir: string, folder: Folder): Generator<string> {
  const db = new Database(join(indexDir, 'corpus.db'));
  const tokens = tokenDigests(db);
  const documents = db.prepare('SELECT * FROM documents ORDER BY file').all() as Record<string, unknown>[];
  const passages = db.prepare('SELECT * FROM passages WHERE doc_id = ? ORDER BY n');
  const figures = db.prepare('SELECT json, indicator, kind, value FROM figures WHERE passage_id = ? ORDER BY id');
  for (const { id, ingested_at: _at, hash, ...doc } of documents) {
    const rows = (passages.all(id) as Record<string, unknown>[]).map(({ id: passageId, doc_id: _doc, ...p }) => ({
      ...p,
      figures: figures.all(passageId),
      tokens: tokens.get(passageId as number) ?? null,
    }));
    yield JSON.stringify({ folder: folder.label, hash: folder.hashes ? hash : null, ...doc, passages: rows });
  }
  db.close();
}

async function main(): Promise<void> {
  const [out, ...args] = process.argv.slice(2);
  if (!out || args.length === 0) throw new Error('usage: dump-ingest.ts OUT.jsonl DIR|--synthetic N|--fixtures ...');
  const tmp = mkdtempSync(join(tmpdir(), 'ansinh-dump-ingest-'));
  const sink = createWriteStream(out);
  try {
    for (const folder of await folders(args, tmp)) {
      const indexDir = join(tmp, `index-${folder.label.replace(/[^a-z0-9]+/gi, '-')}`);
      const store = new CorpusStore(indexDir);
      const summary = await ingestReports({ store, reportsDir: folder.dir });
      store.close();
      sink.write(`${JSON.stringify({ folder: folder.label, summary })}\n`);
      for (const line of storeLines(indexDir, folder)) sink.write(`${line}\n`);
      process.stderr.write(`[dump-ingest] ${folder.label}: ${summary.documents.length} documents\n`);
    }
  } finally {
    await new Promise((done) => sink.end(done));
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
