import { existsSync } from 'node:fs';
import { GrammyError, HttpError } from 'grammy';
import { createEngine } from '../answer/engine.js';
import { createBot } from '../bot/createBot.js';
import { safeError } from '../bot/errorBoundary.js';
import { startBot } from '../bot/startBot.js';
import { SHUTDOWN_BUDGET_MS, stopOnSignals } from '../bot/stopOnSignals.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { chooseReportsFolder } from '../store/reportsFolder.js';
import { startupProblem } from './fatal.js';

/** Settings from `.env` when present; variables already in the environment win over the file. */
if (existsSync('.env')) process.loadEnvFile('.env');

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
if (!config.TELEGRAM_BOT_TOKEN) {
  console.error(
    'TELEGRAM_BOT_TOKEN is not set: add the token from @BotFather to .env, or try the answers offline with `npm run chat`.',
  );
  process.exit(1);
}

// Without REPORTS_DIR the bot serves (and stores uploads in) the folder its index was built from.
config.REPORTS_DIR = chooseReportsFolder(config.INDEX_DIR, process.env.REPORTS_DIR || undefined, config.REPORTS_DIR);
const logger = createLogger(config.LOG_LEVEL, 'json', { secrets: [config.TELEGRAM_BOT_TOKEN, config.WEBHOOK_SECRET] });
// A network error's cause holds the request URL, and so the token: never print an error raw.
process.on('unhandledRejection', (err) => logger.error({ err: safeError(err) }, 'unhandled rejection'));
process.on('uncaughtException', (err) => {
  logger.fatal({ err: safeError(err) }, 'uncaught exception');
  process.exit(1);
});

const engine = await createEngine({ config, logger }).catch((err: unknown) => {
  // Another reports folder than the index's, a damaged store: the message says what to do.
  logger.fatal({ err: safeError(err) }, `could not open the index: ${startupProblem(err) ?? (err as Error).message}`);
  process.exit(1);
});
const app = createBot({ config, engine, logger });
const running = await startBot(app, {
  config,
  logger,
  onFatal: () => {
    engine.close();
    process.exit(1);
  },
}).catch((err: unknown) => {
  const hint =
    err instanceof GrammyError && err.error_code === 401
      ? ': Telegram refused TELEGRAM_BOT_TOKEN'
      : err instanceof HttpError
        ? `: the Bot API (${config.TELEGRAM_API_ROOT ?? 'api.telegram.org'}) cannot be reached`
        : '';
  logger.fatal({ err: safeError(err) }, `could not start the bot${hint}`);
  engine.close();
  process.exit(1);
});

stopOnSignals(async () => {
  // Leaves a second of the budget for closing the store.
  await running.stop(SHUTDOWN_BUDGET_MS - 1000);
  engine.close();
}, logger);
