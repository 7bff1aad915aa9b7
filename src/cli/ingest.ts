import { loadConfig } from '../config.js';
import { ingestReports } from '../ingest/ingestReports.js';
import { CorpusStore } from '../store/corpusStore.js';
import { parseCli, printUsageIfAsked } from './args.js';

const USAGE = `Usage: npm run ingest -- [--data DIR] [--index DIR] [--json]

Reads the reports (.txt, .md, .html) in DIR (default data/reports), cleans them,
cuts them into passages, parses every figure and stores all in DIR/corpus.db
(default data/index). Unchanged files are skipped; removed files are dropped.`;

const { values } = parseCli({ data: { type: 'string' }, index: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
printUsageIfAsked(values.help, USAGE);

const config = loadConfig();
const reportsDir = (values.data as string | undefined) ?? config.REPORTS_DIR;
const indexDir = (values.index as string | undefined) ?? config.INDEX_DIR;

let store: CorpusStore;
try {
  store = new CorpusStore(indexDir);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
try {
  const started = performance.now();
  const summary = await ingestReports({ store, reportsDir });
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
    process.stdout.write(`${JSON.stringify({ documents, warnings: summary.warnings }, null, 2)}\n`);
  } else {
    for (const d of summary.documents) {
      const where = [d.province ?? '?', d.period ?? '?'].join(' · ');
      process.stdout.write(`${d.status.padEnd(9)} ${d.file}  ${where}  ${d.passages} passages, ${d.figures} figures\n`);
      for (const w of d.warnings) process.stdout.write(`          ⚠ ${w}\n`);
    }
    for (const w of summary.warnings) process.stdout.write(`⚠ ${w}\n`);
    process.stdout.write(`${summary.documents.length} file(s) in ${seconds.toFixed(2)} s → ${store.path}\n`);
  }
  const ingested = summary.documents.filter((d) => d.status !== 'failed');
  process.exitCode = summary.documents.length > 0 && ingested.length === 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`ingest failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  store.close();
}
