import { parentPort, workerData } from 'node:worker_threads';
import { CorpusStore } from '../store/corpusStore.js';
import { IngestLockedError } from '../store/ingestLock.js';
import { ingestReports, ingestUpload } from './ingestReports.js';
import type { IngestJob, IngestReply } from './ingestInWorker.js';

/** Runs one ingest job on its own connection to the store, off the bot's event loop. */
async function run(job: IngestJob): Promise<IngestReply> {
  const store = new CorpusStore(job.indexDir);
  try {
    const summary =
      job.kind === 'upload'
        ? await ingestUpload({
            store,
            reportsDir: job.reportsDir,
            file: job.file,
            path: job.path,
            ...(job.maxBytes ? { maxBytes: job.maxBytes } : {}),
          })
        : await ingestReports({ store, reportsDir: job.reportsDir });
    return { ok: true, summary };
  } finally {
    store.close();
  }
}

run(workerData as IngestJob).then(
  (reply) => parentPort?.postMessage(reply),
  (err: unknown) =>
    parentPort?.postMessage({
      ok: false,
      name: err instanceof Error ? err.name : 'Error',
      message: err instanceof Error ? err.message : String(err),
      ...(err instanceof IngestLockedError ? { holder: err.holder } : {}),
    } satisfies IngestReply),
);
