import { existsSync } from 'node:fs';
import { createEngine } from '../answer/engine.js';
import { createBot } from '../bot/createBot.js';
import { startBot } from '../bot/startBot.js';
import { SHUTDOWN_BUDGET_MS, stopOnSignals } from '../bot/stopOnSignals.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';

/** Settings from `.env` when present; the environment wins over the file. */
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
  console.error('TELEGRAM_BOT_TOKEN is not set: add the token from @BotFather to .env, or try the answers offline with `npm run chat`.');
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL);
const engine = await createEngine({ config, logger });
const app = createBot({ config, engine, logger });
const running = await startBot(app, {
  config,
  logger,
  onFatal: () => {
    engine.close();
    process.exit(1);
  },
});

stopOnSignals(async () => {
  // Leaves a second of the budget for closing the store.
  await running.stop(SHUTDOWN_BUDGET_MS - 1000);
  engine.close();
}, logger);
