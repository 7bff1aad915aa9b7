import { loadConfig } from '../config.js';
import { ingestReports } from '../ingest/ingestReports.js';
import { CorpusStore } from '../store/corpusStore.js';
import { IngestLockedError } from '../store/ingestLock.js';
import { chooseReportsFolder, ReportsFolderMismatchError } from '../store/reportsFolder.js';
import { parseCli, printUsageIfAsked } from './args.js';
import { orExit } from './fatal.js';
import { createProgressReporter } from './progress.js';

const USAGE = `Usage: npm run ingest -- [--data DIR] [--index DIR] [--reindex] [--json]

Reads the reports (.txt, .md, .html) in DIR, cleans them, cuts them into passages,
parses every figure and stores all in DIR/corpus.db (default data/index).
Unchanged files are skipped; removed files are dropped.
  --data DIR    the reports folder (default: the one the index was built from, else data/reports)
  --index DIR   the store (default data/index)
  --reindex     switch the index to --data DIR when it was built from another folder
                (the other folder's documents are dropped)
  --json        print the summary as JSON
Progress goes to stderr: a bar on a terminal, a line every few seconds otherwise.
Ctrl-C (or SIGTERM) stops after the document in hand; running it again continues.`;

const { values } = parseCli(
  { data: { type: 'string' }, index: { type: 'string' }, json: { type: 'boolean' }, reindex: { type: 'boolean' } },
  USAGE,
);
printUsageIfAsked(values.help, USAGE);

const config = await orExit(() => loadConfig());
const indexDir = (values.index as string | undefined) ?? config.INDEX_DIR;
const reportsDir = chooseReportsFolder(
  indexDir,
  (values.data as string | undefined) ?? (process.env.REPORTS_DIR || undefined),
  config.REPORTS_DIR,
);

const stop = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (stop.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
  process.stderr.write(`${signal}: stopping after the document in hand (again to quit at once)\n`);
  stop.abort(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const store = await orExit(() => new CorpusStore(indexDir));
try {
  const started = performance.now();
  const progress = createProgressReporter(process.stderr);
  const summary = await ingestReports({
    store,
    reportsDir,
    reindex: Boolean(values.reindex),
    signal: stop.signal,
    onProgress: (p) => progress.update(p),
  }).finally(() => progress.end());
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    const documents = summary.documents
      .filter((d) => d.status !== 'removed')
      .map(({ file, title, province, year, period, passages, figures, warnings }) => ({
        file,
        title,
        province,
        year,
        period,
        passages,
        figures,
        warnings,
      }));
    process.stdout.write(
      `${JSON.stringify({ documents, warnings: summary.warnings, stopped: summary.stopped }, null, 2)}\n`,
    );
  } else {
    for (const d of summary.documents) {
      const where = [d.province ?? '?', d.period ?? '?'].join(' · ');
      process.stdout.write(`${d.status.padEnd(9)} ${d.file}  ${where}  ${d.passages} passages, ${d.figures} figures\n`);
      for (const w of d.warnings) process.stdout.write(`          ⚠ ${w}\n`);
    }
    for (const w of summary.warnings) process.stdout.write(`⚠ ${w}\n`);
    process.stdout.write(`${summary.documents.length} file(s) in ${seconds.toFixed(2)} s → ${store.path}\n`);
  }
  if (summary.stopped) {
    process.stderr.write(`stopped: ${summary.documents.length} file(s) done; run the same command again to continue\n`);
    process.exitCode = stop.signal.reason === 'SIGINT' ? 130 : 143;
  } else {
    const ingested = summary.documents.filter((d) => d.status !== 'failed');
    process.exitCode = summary.documents.length > 0 && ingested.length === 0 ? 1 : 0;
  }
} catch (error) {
  const refusal = error instanceof IngestLockedError || error instanceof ReportsFolderMismatchError;
  process.stderr.write(refusal ? `${(error as Error).message}\n` : `ingest failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  store.close();
}
