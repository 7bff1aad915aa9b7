import type { Logger } from '../logger.js';

/** The whole shutdown (stop polling, finish replies, close the store) must fit in this. */
export const SHUTDOWN_BUDGET_MS = 5000;

/**
 * On SIGINT or SIGTERM runs `shutdown` once and exits; past the budget, or on a second signal, it
 * exits at once.
 */
export function stopOnSignals(shutdown: () => Promise<void>, logger: Logger, budgetMs = SHUTDOWN_BUDGET_MS): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: finishing replies in flight');
    const deadline = setTimeout(() => {
      logger.warn({ budget_ms: budgetMs }, 'shutdown took too long: exiting');
      process.exit(1);
    }, budgetMs);
    deadline.unref();
    shutdown().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
