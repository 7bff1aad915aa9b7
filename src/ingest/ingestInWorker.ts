import { IngestLockedError } from '../store/ingestLock.js';
import type { IngestSummary } from './ingestReports.js';
import { startWorker } from './startWorker.js';

export type IngestJob =
  | { kind: 'folder'; indexDir: string; reportsDir: string }
  | { kind: 'upload'; indexDir: string; reportsDir: string; file: string; path: string; maxBytes?: number };

export type IngestReply =
  | { ok: true; summary: IngestSummary }
  | { ok: false; name: string; message: string; holder?: { pid: number; since: string } };

export class IngestWorkerError extends Error {
  override name = 'IngestWorkerError';
}

/**
 * Runs an ingest in a worker thread with its own store connection, so that reading, cleaning and
 * parsing a large report never holds up the replies of other users. The caller's store sees the
 * result at its next read (SQLite's `data_version`).
 */
export function ingestInWorker(job: IngestJob): Promise<IngestSummary> {
  const worker = startWorker('ingestWorker', job);
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (reply: IngestReply) => {
      settled = true;
      if (reply.ok) resolve(reply.summary);
      // Another process ingesting is a refusal the caller words for the user, as in the main thread.
      else if (reply.holder) reject(new IngestLockedError(job.indexDir, reply.holder));
      else reject(new IngestWorkerError(`ingest failed: ${reply.name}: ${reply.message}`));
    });
    worker.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(new IngestWorkerError(`ingest failed: ${err.message}`));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new IngestWorkerError(`ingest stopped before it finished (exit code ${code})`));
    });
  });
}
