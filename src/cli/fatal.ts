import { ConfigError } from '../config.js';
import { StoreError } from '../store/corpusStore.js';

/** The line a person reads when the command cannot start; `undefined` for errors that are bugs. */
export function startupProblem(err: unknown): string | undefined {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof StoreError) {
    return `${err.message}. The store is rebuilt from the reports: remove ${err.path} and run \`npm run ingest\`.`;
  }
  return undefined;
}

/** Runs a command's start-up; a known problem (settings, a broken store) is one line on stderr and exit 1. */
export async function orExit<T>(start: () => T | Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    const line = startupProblem(err);
    if (line === undefined) throw err;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}
