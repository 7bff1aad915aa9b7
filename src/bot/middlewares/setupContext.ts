import type { Middleware } from 'grammy';
import type { Logger } from '../../logger.js';
import { uiLangOf, type BotContext } from '../context.js';

/** Gives every update its own child logger (tagged with the update id) and the user's language. */
export function setupContext(logger: Logger): Middleware<BotContext> {
  return (ctx, next) => {
    ctx.log = logger.child({ update_id: ctx.update.update_id });
    ctx.uiLang = uiLangOf(ctx.from?.language_code);
    return next();
  };
}
