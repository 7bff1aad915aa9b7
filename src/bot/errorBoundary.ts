import { GrammyError, type BotError } from 'grammy';
import { scrubSecrets, type Logger } from '../logger.js';
import { replyTo, uiLangOf, type BotContext } from './context.js';
import { texts } from './texts.js';

/** An error as plain fields with any bot token removed (a network error's cause may carry the URL). */
export function safeError(err: unknown): { name: string; message: string; stack?: string; cause?: string } {
  if (!(err instanceof Error)) return { name: typeof err, message: scrubSecrets(String(err)) };
  const inner = (err as { error?: unknown }).error ?? err.cause;
  return {
    name: err.name,
    message: scrubSecrets(err.message),
    ...(err.stack ? { stack: scrubSecrets(err.stack) } : {}),
    ...(inner instanceof Error ? { cause: scrubSecrets(`${inner.name}: ${inner.message}`) } : {}),
  };
}

/** Telegram's "the user blocked the bot" and the like: nothing is wrong with the bot. */
function isForbidden(err: unknown): err is GrammyError {
  return err instanceof GrammyError && err.error_code === 403;
}

/**
 * The one error boundary: a failing update is logged with its update id (the user's text only at
 * debug level) and answered with a short apology, so that one bad update never stops the bot.
 */
export function createErrorBoundary(logger: Logger): (err: BotError<BotContext>) => Promise<void> {
  return async ({ ctx, error }) => {
    const updateId = ctx.update.update_id;
    const log = ctx.log ?? logger.child({ update_id: updateId });
    if (isForbidden(error)) {
      log.warn({ method: error.method, description: error.description }, 'Telegram refused to deliver');
      return;
    }
    log.error({ err: safeError(error) }, 'update failed');
    log.debug(
      { text: ctx.msg?.text ?? ctx.inlineQuery?.query ?? ctx.callbackQuery?.data },
      'text of the failed update',
    );
    const apology = texts(ctx.uiLang ?? uiLangOf(ctx.from?.language_code)).apology;
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: apology });
      else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
      else if (ctx.chat && ctx.chat.type !== 'channel' && ctx.msg) await ctx.reply(apology, replyTo(ctx));
    } catch (replyError) {
      log.warn({ err: safeError(replyError) }, 'could not send the apology');
    }
  };
}
