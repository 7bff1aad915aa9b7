import { limit } from '@grammyjs/ratelimiter';
import type { Middleware } from 'grammy';
import type { Config } from '../../config.js';
import { replyTo, type BotContext } from '../context.js';
import { texts } from '../texts.js';

/**
 * A per-user flood limit over messages and button taps. Inline queries are left out: Telegram sends
 * one per pause in typing, and already throttles them. Past the limit the user gets one notice per
 * window, then silence until the window ends.
 */
export function createRateLimit(config: Pick<Config, 'RATE_LIMIT_PER_MINUTE'>): Middleware<BotContext> {
  return limit<BotContext, never>({
    timeFrame: 60_000,
    limit: config.RATE_LIMIT_PER_MINUTE,
    keyGenerator: (ctx) => (ctx.inlineQuery || !ctx.from ? undefined : String(ctx.from.id)),
    onLimitExceeded: async (ctx) => {
      ctx.log.info('flood limit reached');
      const text = texts(ctx.uiLang).flood;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
      else if (ctx.chat) await ctx.reply(text, replyTo(ctx));
    },
  });
}
