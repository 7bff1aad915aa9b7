import { limit } from '@grammyjs/ratelimiter';
import type { Middleware } from 'grammy';
import type { Config } from '../../config.js';
import { replyTo, type BotContext } from '../context.js';
import { texts } from '../texts.js';

const WINDOW_MS = 60_000;
/** Flooding users remembered; past this the oldest may get a second notice. */
const NOTICED_KEPT = 10_000;

/**
 * A per-user flood limit over messages and button taps. Inline queries are left out: Telegram sends
 * one per pause in typing, and already throttles them. Past the limit the user gets one notice per
 * window, then silence until the window ends.
 */
export function createRateLimit(config: Pick<Config, 'RATE_LIMIT_PER_MINUTE'>): Middleware<BotContext> {
  /** When each flooding user was last sent the notice. */
  const noticed = new Map<number, number>();
  return limit<BotContext, never>({
    timeFrame: WINDOW_MS,
    limit: config.RATE_LIMIT_PER_MINUTE,
    keyGenerator: (ctx) => (ctx.inlineQuery || !ctx.from ? undefined : String(ctx.from.id)),
    // Called for every update past the limit: a tap must always be answered, or its button spins.
    alwaysReply: true,
    onLimitExceeded: async (ctx) => {
      const text = texts(ctx.uiLang).flood;
      if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery({ text });
        return;
      }
      const user = ctx.from!.id;
      const now = Date.now();
      if (now - (noticed.get(user) ?? -Infinity) < WINDOW_MS) return;
      noticed.delete(user);
      noticed.set(user, now);
      if (noticed.size > NOTICED_KEPT) noticed.delete(noticed.keys().next().value as number);
      ctx.log.info('flood limit reached');
      if (ctx.chat) await ctx.reply(text, replyTo(ctx));
    },
  });
}
