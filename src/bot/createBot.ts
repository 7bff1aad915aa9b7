import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Engine } from '../answer/types.js';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createAnswerCache } from './answerCache.js';
import { createAnswerQuestion } from './answerQuestion.js';
import { createApiLog } from './apiLog.js';
import type { BotContext, BotDeps } from './context.js';
import { createErrorBoundary } from './errorBoundary.js';
import { createAdminFeature } from './features/admin.js';
import { createCallbacksFeature } from './features/callbacks.js';
import { createCommandsFeature } from './features/commands.js';
import { createInlineFeature } from './features/inline.js';
import { createOddInputFeature } from './features/oddInput.js';
import { createQuestionFeature } from './features/question.js';
import { createInFlight } from './inFlight.js';
import { createNetworkRetry } from './networkRetry.js';
import { createChatGate } from './middlewares/chatGate.js';
import { groupFilter } from './middlewares/groupFilter.js';
import { createRateLimit } from './middlewares/rateLimit.js';
import { setupContext } from './middlewares/setupContext.js';

export interface CreateBotOptions {
  config: Config;
  engine: Engine;
  logger: Logger;
  /** Bot API transformers closest to the network (inside auto-retry): a test emulator's gaps. */
  transformers?: Transformer[];
  /** Known bot identity, which skips `getMe` at start. */
  botInfo?: UserFromGetMe;
}

export interface BotApp {
  bot: Bot<BotContext>;
  /** Waits for updates being handled (the webhook's replies in flight); `false` if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** A 429 asking for longer than this fails the request rather than hold a reply for minutes. */
const MAX_RETRY_AFTER_S = 60;

/** The bot, wired from explicit parts; production and the tests build it here alike. */
export function createBot({ config, engine, logger, transformers = [], botInfo }: CreateBotOptions): BotApp {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new ConfigError('TELEGRAM_BOT_TOKEN is not set');
  const bot = new Bot<BotContext>(token, {
    ...(botInfo ? { botInfo } : {}),
    client: { ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {}) },
  });
  bot.api.config.use(
    ...transformers,
    createApiLog(logger),
    // Network failures are retried a bounded number of times below, not forever.
    autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: MAX_RETRY_AFTER_S, rethrowHttpErrors: true }),
    createNetworkRetry(),
  );

  const deps: BotDeps = { config, engine, logger, answers: createAnswerCache() };
  const answerQuestion = createAnswerQuestion(deps);
  const inFlight = createInFlight<BotContext>();

  bot.use(
    inFlight.middleware,
    setupContext(logger),
    // One update at a time per chat, so that replies keep the order of the questions.
    sequentialize<BotContext>((ctx) => ctx.chat?.id.toString()),
    groupFilter(),
    createChatGate(config),
    createRateLimit(config),
  );
  bot.use(
    createAdminFeature(deps),
    createCommandsFeature(deps, answerQuestion),
    createCallbacksFeature(deps),
    createInlineFeature(deps),
    createQuestionFeature(answerQuestion),
    createOddInputFeature(),
  );
  bot.catch(createErrorBoundary(logger));
  return { bot, drain: (timeoutMs) => inFlight.drain(timeoutMs) };
}
