import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CorpusStore, realPath } from './corpusStore.js';

/** An index built from one reports folder was given another: syncing would drop its documents. */
export class ReportsFolderMismatchError extends Error {
  override name = 'ReportsFolderMismatchError';
  constructor(
    readonly indexDir: string,
    /** The folder the index was built from; null for an older index that recorded none. */
    readonly recorded: string | null,
    readonly given: string,
  ) {
    const built = recorded
      ? `was built from ${recorded}`
      : `holds reports none of which are in ${given} (it recorded no reports folder)`;
    super(
      `The index ${resolve(indexDir)} ${built}, not from ${given}; its documents are kept. ` +
        `Leave out --data (and REPORTS_DIR) to use ${recorded ?? 'its folder'}, ` +
        `or switch it to the new folder with \`npm run ingest -- --data ${given} --index ${indexDir} --reindex\`.`,
    );
  }
}

/**
 * Checks `reportsDir` against the folder the store was built from, and records it on the first
 * ingest. `reindex` switches the store to `reportsDir` (its other documents are then dropped).
 * An older store that recorded no folder adopts `reportsDir` if it is empty or shares a file with it.
 */
export function claimReportsFolder(store: CorpusStore, reportsDir: string, options: { reindex?: boolean } = {}): void {
  const given = realPath(reportsDir);
  const recorded = store.reportsFolder();
  if (recorded && realPath(recorded) === given) return;
  if (!options.reindex) {
    if (recorded) throw new ReportsFolderMismatchError(store.indexDir, recorded, given);
    const documents = store.documents();
    if (documents.length > 0 && !documents.some((d) => existsSync(join(given, basename(d.file))))) {
      throw new ReportsFolderMismatchError(store.indexDir, null, given);
    }
  }
  store.recordReportsFolder(given);
}

/**
 * The reports folder a command uses: the one asked for (`--data`, `REPORTS_DIR`), else the one the
 * index records, else `fallback`. Reads the record without creating or changing anything.
 */
export function chooseReportsFolder(indexDir: string, asked: string | undefined, fallback: string): string {
  if (asked) return asked;
  if (!existsSync(join(indexDir, 'corpus.db'))) return fallback;
  let store: CorpusStore | undefined;
  try {
    store = new CorpusStore(indexDir, { readonly: true });
    return store.reportsFolder() ?? fallback;
  } catch {
    // An unreadable or older store: the command opening it for real reports the problem.
    return fallback;
  } finally {
    store?.close();
  }
}
