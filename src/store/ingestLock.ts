import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** The lock file beside `corpus.db`: who ingests, since when. */
export const INGEST_LOCK_FILE = 'ingest.lock';

const LockRecord = z.object({ pid: z.number().int(), since: z.string() });

export class IngestLockedError extends Error {
  override name = 'IngestLockedError';
  constructor(
    readonly indexDir: string,
    readonly holder: { pid: number; since: string },
  ) {
    super(
      `another ingest is running on ${resolve(indexDir)} since ${holder.since} (process ${holder.pid}); ` +
        `wait for it to finish and try again`,
    );
  }
}

/**
 * Takes the index's ingest lock (an exclusive-create file), so that two ingests never interleave
 * their documents. A lock left by a process that is gone is taken over. Returns the release.
 */
export function acquireIngestLock(indexDir: string): () => void {
  const path = join(indexDir, INGEST_LOCK_FILE);
  // Written whole under a private name, then linked: a reader never sees a half-written lock.
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(draft, path);
        return () => rmSync(path, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder.pid)) throw new IngestLockedError(indexDir, holder);
      // The holder died without releasing (killed, power cut): its documents were committed one by one.
      rmSync(path, { force: true });
    }
    throw new IngestLockedError(indexDir, readHolder(path) ?? { pid: 0, since: 'unknown' });
  } finally {
    rmSync(draft, { force: true });
  }
}

function readHolder(path: string): { pid: number; since: string } | null {
  try {
    const parsed = LockRecord.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
