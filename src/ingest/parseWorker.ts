import { parentPort } from 'node:worker_threads';
import { parseReport } from './ingestReports.js';
import type { ParseReply, ParseRequest } from './parsePool.js';

/** Reads and parses the report files the pool sends, one reply each (`parsePool.ts`). */
parentPort!.on('message', ({ id, job }: ParseRequest) => {
  parseReport(job).then(
    (result) => parentPort!.postMessage({ id, ok: true, result } satisfies ParseReply),
    (error: unknown) =>
      parentPort!.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies ParseReply),
  );
});
