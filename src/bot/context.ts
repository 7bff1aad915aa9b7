import type { Context } from 'grammy';
import type { Engine } from '../answer/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AnswerCache } from './answerCache.js';

export type UiLang = 'vi' | 'en';

/** Set for every update by the first middleware. */
export interface BotFlavor {
  /** A child logger carrying the update id. */
  log: Logger;
  /** The language for the bot's own words (answers follow the question's language). */
  uiLang: UiLang;
}

export type BotContext = Context & BotFlavor;

/** What every feature receives; passed explicitly, never imported as a singleton. */
export interface BotDeps {
  config: Config;
  engine: Engine;
  logger: Logger;
  answers: AnswerCache;
}

/** Telegram's `language_code` from the user's app: English speakers get English, everyone else Vietnamese. */
export function uiLangOf(languageCode: string | undefined): UiLang {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** In groups a reply quotes the question, so that busy chats can see what it answers. */
export function replyTo(ctx: Context): {
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
} {
  const msg = ctx.msg;
  if (!msg || ctx.chat?.type === 'private' || ctx.callbackQuery) return {};
  return { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } };
}
