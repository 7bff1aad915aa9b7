import { loadConfig, type Config } from '../config.js';
import { createEngine } from '../answer/engine.js';
import type { Engine } from '../answer/types.js';
import { createLogger, type Logger } from '../logger.js';
import { IngestError } from '../ingest/errors.js';
import { StoreError } from '../store/corpusStore.js';
import { IngestLockedError } from '../store/ingestLock.js';
import { chooseReportsFolder, ReportsFolderMismatchError } from '../store/reportsFolder.js';
import { orExit, startupProblem } from './fatal.js';

/** Refusals worded for the person at the terminal: printed as they are, without a stack. */
const REFUSALS = [ReportsFolderMismatchError, IngestLockedError, StoreError, IngestError];

export interface CliPaths {
  /** `--index DIR`: the store. */
  index?: string | undefined;
  /** `--data DIR`: the reports folder. */
  data?: string | undefined;
  /** `--readonly`: answer from the index as it is, ingesting and writing nothing. */
  readonly?: boolean | undefined;
}

/** The command-line options shared by ask, chat and eval. */
export const ENGINE_OPTIONS = {
  index: { type: 'string' },
  data: { type: 'string' },
  readonly: { type: 'boolean' },
} as const;

export const ENGINE_USAGE = `  --index DIR   the store to use (default data/index)
  --data DIR    the reports folder (default: the one the index was built from, else data/reports);
                another folder than the index's is refused, see \`npm run ingest -- --reindex\`
  --readonly    answer from the index as it is: no ingest, nothing written (a replica, a snapshot)`;

/**
 * Settings from the environment, with `--index` and `--data` taking precedence; logs on stderr.
 * Without `--data` or `REPORTS_DIR` the index's own reports folder is used.
 */
export async function engineFromCli(
  paths: CliPaths,
  quiet = false,
): Promise<{ engine: Engine; config: Config; logger: Logger }> {
  const config = await orExit(() => loadConfig());
  if (paths.index) config.INDEX_DIR = paths.index;
  config.REPORTS_DIR = chooseReportsFolder(
    config.INDEX_DIR,
    paths.data ?? (process.env.REPORTS_DIR || undefined),
    config.REPORTS_DIR,
  );
  const logger = createLogger(quiet && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'human', {
    secrets: [config.TELEGRAM_BOT_TOKEN],
  });
  try {
    const engine = await createEngine({ config, logger, readonly: paths.readonly ?? false });
    return { engine, config, logger };
  } catch (error) {
    if (!REFUSALS.some((kind) => error instanceof kind)) throw error;
    process.stderr.write(`${startupProblem(error) ?? (error as Error).message}\n`);
    process.exit(1);
  }
}
