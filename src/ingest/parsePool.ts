import type { Worker } from 'node:worker_threads';
import type { IngestedFile, ParseJob, ParseReport } from './ingestReports.js';
import { startWorker } from './startWorker.js';

export type ParseRequest = { id: number; job: ParseJob };
export type ParseReply = { id: number; ok: true; result: IngestedFile } | { id: number; ok: false; message: string };

/**
 * Worker threads that read and parse report files while the calling thread
 * writes to the store: parsing and writing are each about half of an ingest,
 * so on two cores they overlap. A job goes to the worker with the fewest in
 * hand; its result is a promise, which the caller awaits in file order. A job
 * that throws fails with the same message as in the calling thread. A worker
 * that dies fails the jobs it held (one warning each) and is replaced for the
 * next ones.
 */
export interface ParsePool {
  parse: ParseReport;
  /** Stops the workers; jobs still in hand fail. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (result: IngestedFile) => void; reject: (error: Error) => void }>;
}

export function createParsePool(size: number): ParsePool {
  const slots: (Slot | null)[] = Array.from({ length: Math.max(1, size) }, () => null);
  let nextId = 0;
  let closed = false;

  function open(index: number): Slot {
    const slot: Slot = { worker: startWorker('parseWorker'), pending: new Map() };
    slot.worker.on('message', (reply: ParseReply) => {
      const job = slot.pending.get(reply.id);
      if (!job) return;
      slot.pending.delete(reply.id);
      if (reply.ok) job.resolve(reply.result);
      else job.reject(new Error(reply.message));
    });
    const fail = (reason: string): void => {
      if (slots[index] === slot) slots[index] = null;
      for (const job of slot.pending.values()) job.reject(new Error(reason));
      slot.pending.clear();
    };
    slot.worker.on('error', (error) => fail(`the parsing thread failed: ${error.message}`));
    slot.worker.on('exit', (code) => fail(`the parsing thread stopped (exit code ${code})`));
    slots[index] = slot;
    return slot;
  }

  /** The worker with the fewest jobs in hand, started when its place is empty. */
  function leastBusy(): Slot {
    let best = 0;
    for (let i = 0; i < slots.length; i++) {
      const load = slots[i]?.pending.size ?? 0;
      if (load < (slots[best]?.pending.size ?? 0)) best = i;
      if (load === 0) {
        best = i;
        break;
      }
    }
    return slots[best] ?? open(best);
  }

  return {
    parse(job: ParseJob): Promise<IngestedFile> {
      if (closed) return Promise.reject(new Error('the parsing threads are stopped'));
      const slot = leastBusy();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, job } satisfies ParseRequest);
      });
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}
