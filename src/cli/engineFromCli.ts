import { loadConfig, type Config } from '../config.js';
import { createEngine } from '../answer/engine.js';
import type { Engine } from '../answer/types.js';
import { createLogger, type Logger } from '../logger.js';

/** Settings from the environment, with `--index DIR` taking precedence; logs on stderr. */
export async function engineFromCli(index: string | undefined, quiet = false): Promise<{ engine: Engine; config: Config; logger: Logger }> {
  const config = loadConfig();
  if (index) config.INDEX_DIR = index;
  const logger = createLogger(quiet && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const engine = await createEngine({ config, logger });
  return { engine, config, logger };
}
