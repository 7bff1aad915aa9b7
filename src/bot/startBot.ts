import { createServer } from 'node:http';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { BotApp } from './createBot.js';
import { safeError } from './errorBoundary.js';
import { registerCommands } from './features/commands.js';
import { startPolling } from './pollUpdates.js';
import { createWebhookHandler } from './webhookHandler.js';

/** Only what the features handle: channel posts and member updates are not even fetched. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'inline_query'] as const;

export interface RunningBot {
  /**
   * Stops taking updates and finishes every update already taken, within `graceMs` in all; in
   * long polling, updates still unhandled then are left for Telegram to deliver again.
   */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Called when polling stops for good (e.g. the token was revoked). */
  onFatal?: (err: unknown) => void;
}

/** Fetches the bot's identity, registers its commands, then long-polls (or serves a webhook). */
export async function startBot({ bot, drain }: BotApp, { config, logger, onFatal }: StartOptions): Promise<RunningBot> {
  // Not `bot.init()`: it retries a network failure forever, where the bounded retry of the API
  // client (createNetworkRetry) makes an unreachable API a clear failure at start.
  if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
  // The command menu is a convenience: it must not hold up the first answer.
  registerCommands(bot.api).catch((err: unknown) =>
    logger.warn({ err: safeError(err) }, 'could not register commands'),
  );

  if (config.WEBHOOK_URL) {
    const path = new URL(config.WEBHOOK_URL).pathname;
    const handle = createWebhookHandler({ bot, secret: config.WEBHOOK_SECRET ?? '', logger });
    const server = createServer((req, res) => {
      if (req.method !== 'POST' || req.url?.split('?')[0] !== path) {
        res.writeHead(404).end();
        return;
      }
      handle(req, res).catch((err: unknown) => logger.error({ err: safeError(err) }, 'webhook request failed'));
    });
    await new Promise<void>((resolve) => server.listen(config.PORT, resolve));
    await bot.api.setWebhook(config.WEBHOOK_URL, {
      secret_token: config.WEBHOOK_SECRET,
      allowed_updates: ALLOWED_UPDATES,
    });
    logger.info({ bot: bot.botInfo.username, port: config.PORT }, 'bot serving its webhook');
    return {
      async stop(graceMs = 4000) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await drain(graceMs);
        server.closeAllConnections();
        await closed;
      },
    };
  }

  await bot.api.deleteWebhook();
  // Fetch errors are not printed here: the API log already logs them, scrubbed.
  const poller = startPolling(bot, { allowedUpdates: ALLOWED_UPDATES });
  poller.task.catch((err: unknown) => {
    logger.fatal({ err: safeError(err) }, 'polling stopped');
    onFatal?.(err);
  });
  logger.info({ bot: bot.botInfo.username }, 'bot polling for updates');
  let stopped: Promise<void> | undefined;
  return {
    stop(graceMs = 4000) {
      stopped ??= poller.stop(graceMs).then((handled) => {
        if (!handled) {
          logger.warn({ updates: poller.pending }, 'updates still unhandled at shutdown: left for the next start');
        }
      });
      return stopped;
    },
  };
}
