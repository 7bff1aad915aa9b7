import { loadConfig, type Config } from '../config.js';
import { createEngine } from '../answer/engine.js';
import type { Engine } from '../answer/types.js';
import { createLogger, type Logger } from '../logger.js';

export interface CliPaths {
  /** `--index DIR`: the store. */
  index?: string | undefined;
  /** `--data DIR`: the reports folder. */
  data?: string | undefined;
}

/** Settings from the environment, with `--index` and `--data` taking precedence; logs on stderr. */
export async function engineFromCli(
  paths: CliPaths,
  quiet = false,
): Promise<{ engine: Engine; config: Config; logger: Logger }> {
  const config = loadConfig();
  if (paths.index) config.INDEX_DIR = paths.index;
  if (paths.data) config.REPORTS_DIR = paths.data;
  const logger = createLogger(quiet && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'human');
  const engine = await createEngine({ config, logger });
  return { engine, config, logger };
}
