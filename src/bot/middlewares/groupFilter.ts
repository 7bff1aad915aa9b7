import type { Middleware } from 'grammy';
import type { Message, UserFromGetMe } from 'grammy/types';
import type { BotContext } from '../context.js';

/** True when a group message is meant for this bot: a command, an @mention, or a reply to it. */
export function addressedToBot(msg: Message, me: UserFromGetMe): boolean {
  if (msg.reply_to_message?.from?.id === me.id) return true;
  const text = msg.text ?? msg.caption ?? '';
  const entities = msg.entities ?? msg.caption_entities ?? [];
  const username = me.username.toLowerCase();
  const byEntity = entities.some((e) => {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === 'mention') return part === `@${username}`;
    if (e.type === 'text_mention') return e.user.id === me.id;
    if (e.type !== 'bot_command' || e.offset !== 0) return false;
    // `/help@OtherBot` belongs to another bot; a bare `/help` is for every bot in the chat.
    const at = part.indexOf('@');
    return at === -1 || part.slice(at + 1) === username;
  });
  // Telegram sends a mention entity; the text check covers clients and emulators that omit it.
  return (
    byEntity ||
    text
      .toLowerCase()
      .split(/[^\w@]+/)
      .includes(`@${username}`)
  );
}

/**
 * Politeness in busy chats: channel posts are ignored, and in groups only messages addressed to
 * the bot go further. Buttons and inline queries always pass.
 */
export function groupFilter(): Middleware<BotContext> {
  return async (ctx, next) => {
    if (ctx.channelPost || ctx.editedChannelPost) return;
    const type = ctx.chat?.type;
    const msg = ctx.message ?? ctx.editedMessage;
    if ((type === 'group' || type === 'supergroup') && msg && !addressedToBot(msg, ctx.me)) return;
    await next();
  };
}

/** The question without the bot's @mention. */
export function stripMention(text: string, username: string): string {
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replace(new RegExp(`@${escaped}\\b`, 'gi'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
