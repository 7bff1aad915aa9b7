import { createHmac } from 'node:crypto';
import { Composer } from 'grammy';
import { decodeCallback } from '../callbackData.js';
import { replyTo, type BotContext, type BotDeps } from '../context.js';
import { packBlocks } from '../formatting.js';
import { moreKeyboard } from '../keyboards/answerKeyboard.js';
import { renderOther, renderPassage } from '../passageView.js';
import { texts } from '../texts.js';

/** Other results shown per tap of `Kết quả khác`. */
const OTHERS_PER_PAGE = 3;
const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Feedback is stored with a keyed hash: votes of one user link up, but the id cannot be recovered. */
export function hashUser(userId: number, key: string): string {
  return createHmac('sha256', key).update(String(userId)).digest('hex').slice(0, 32);
}

export function createCallbacksFeature({ config, engine, answers }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const hashKey = config.TELEGRAM_BOT_TOKEN ?? 'ansinh-bot';

  composer.on('callback_query:data', async (ctx) => {
    const t = texts(ctx.uiLang);
    const action = decodeCallback(ctx.callbackQuery.data);
    const entry = action ? answers.get(action.id) : undefined;
    if (!action || !entry) {
      await ctx.answerCallbackQuery({ text: t.expired });
      return;
    }
    // Under an inline message there is no chat to show a passage in; only votes need none.
    if (!ctx.chat && action.kind !== 'vote') {
      await ctx.answerCallbackQuery({ text: t.openChat });
      return;
    }
    switch (action.kind) {
      case 'source': {
        const citation = entry.citations.find((c) => c.n === action.n);
        if (!citation) {
          await ctx.answerCallbackQuery({ text: t.expired });
          return;
        }
        await ctx.answerCallbackQuery();
        const messages = renderPassage(citation, engine.passage(citation.passage_id));
        for (const [i, html] of messages.entries())
          await ctx.reply(html, { ...HTML, ...(i === 0 ? replyTo(ctx) : {}) });
        return;
      }
      case 'more': {
        const start = action.page * OTHERS_PER_PAGE;
        const page = entry.others.slice(start, start + OTHERS_PER_PAGE);
        if (page.length === 0) {
          await ctx.answerCallbackQuery({ text: t.noMore });
          return;
        }
        await ctx.answerCallbackQuery();
        const blocks = page.map((o) => renderOther(o.text, engine.passage(o.passage_id), o.doc));
        const messages = packBlocks(blocks);
        const hasNext = entry.others.length > start + OTHERS_PER_PAGE;
        for (const [i, html] of messages.entries()) {
          const last = i === messages.length - 1;
          await ctx.reply(html, {
            ...HTML,
            ...(i === 0 ? replyTo(ctx) : {}),
            ...(last && hasNext ? { reply_markup: moreKeyboard(action.id, action.page + 1, entry.lang) } : {}),
          });
        }
        return;
      }
      case 'vote': {
        const userHash = hashUser(ctx.from.id, hashKey);
        if (entry.voters.has(userHash)) {
          await ctx.answerCallbackQuery({ text: t.voted });
          return;
        }
        engine.saveFeedback({ question: entry.question, answerText: entry.answerText, userHash, vote: action.vote });
        entry.voters.add(userHash);
        await ctx.answerCallbackQuery({ text: t.thanks });
      }
    }
  });
  return composer;
}
