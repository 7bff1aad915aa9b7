import type { Middleware } from 'grammy';
import type { Config } from '../../config.js';
import { replyTo, type BotContext } from '../context.js';
import { texts } from '../texts.js';

/** Chats remembered as refused; past this the oldest are forgotten (and may be refused once more). */
const REFUSED_KEPT = 10_000;

/**
 * With `ALLOWED_CHAT_IDS` set, other chats get one polite refusal, then silence. Admins' private
 * chats are always allowed so that they can upload reports. Inline queries (which have no chat)
 * are served to users whose private chat is allowed.
 */
export function createChatGate(config: Pick<Config, 'ALLOWED_CHAT_IDS' | 'ADMIN_USER_IDS'>): Middleware<BotContext> {
  const allowed = new Set(config.ALLOWED_CHAT_IDS);
  const admins = new Set(config.ADMIN_USER_IDS);
  const refused = new Set<number>();
  if (allowed.size === 0) return (_ctx, next) => next();

  return async (ctx, next) => {
    if (ctx.inlineQuery) {
      const user = ctx.inlineQuery.from.id;
      if (allowed.has(user) || admins.has(user)) return next();
      await ctx.answerInlineQuery([], { cache_time: 300, is_personal: true });
      return;
    }
    const chat = ctx.chat;
    // A button under an inline message comes without a chat: the user is what can be allowed.
    if (!chat && ctx.callbackQuery) {
      const user = ctx.callbackQuery.from.id;
      if (allowed.has(user) || admins.has(user)) return next();
      await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).refused });
      return;
    }
    if (!chat || allowed.has(chat.id) || (chat.type === 'private' && admins.has(chat.id))) return next();
    if (refused.has(chat.id)) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      return;
    }
    refused.add(chat.id);
    if (refused.size > REFUSED_KEPT) refused.delete(refused.values().next().value as number);
    ctx.log.info({ chat_id: chat.id, chat_type: chat.type }, 'chat not in ALLOWED_CHAT_IDS: refused once');
    const text = texts(ctx.uiLang).refused;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    else await ctx.reply(text, replyTo(ctx));
  };
}
