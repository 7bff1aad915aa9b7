import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { Answer } from '../../answer/schema.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml, MESSAGE_LIMIT, renderAnswer, truncate } from '../formatting.js';
import { link } from '../passageView.js';
import { MAX_QUESTION_CHARS } from '../texts.js';

/** Telegram sends a query per pause in typing; shorter ones are not questions yet. */
const MIN_QUERY_CHARS = 3;
const MAX_RESULTS = 5;

/** A figure with its citation, ready to drop into any chat: the figure, the quote, the report. */
function figureMessage(answer: Answer, figureText: string, n: number): string {
  const c = answer.citations.find((x) => x.n === n);
  if (!c) return `<b>${escapeHtml(figureText)}</b>`;
  const where = [c.province, c.period].filter(Boolean).join(', ');
  const lines = [
    `<b>${escapeHtml(figureText)}</b>`,
    `«${escapeHtml(truncate(c.quote, 1500))}»`,
    `[${c.n}] ${escapeHtml(where ? `${where}: ${c.title}` : c.title)}`,
    ...link(c.source_url),
  ];
  return lines.join('\n');
}

/** Up to five results, one per distinct figure; the whole answer when it names no figure. */
export function inlineResults(answer: Answer): InlineQueryResultArticle[] {
  if (answer.kind === 'abstain') return [];
  const figures = answer.figures
    .filter((f, i, all) => all.findIndex((g) => g.text === f.text) === i)
    .slice(0, MAX_RESULTS);
  const article = (id: string, title: string, description: string, html: string): InlineQueryResultArticle => ({
    type: 'article',
    id,
    title: truncate(title, 120),
    description: truncate(description, 200),
    input_message_content: {
      message_text: html.slice(0, MESSAGE_LIMIT),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
  });
  if (figures.length === 0) {
    return [article('answer', answer.answer_text, answer.sources_text, renderAnswer(answer)[0] ?? '')];
  }
  // The title says which figure and where; the description shows the report's own words.
  return figures.map((f, i) => {
    const c = answer.citations.find((x) => x.n === f.citation);
    const where = c ? [c.province, c.period].filter(Boolean).join(', ') : '';
    const title = where ? `${f.text} · ${where}` : f.text;
    return article(`f${i}`, title, c?.quote || answer.answer_text, figureMessage(answer, f.text, f.citation));
  });
}

export function createInlineFeature({ engine }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    if (query.length < MIN_QUERY_CHARS || query.length > MAX_QUESTION_CHARS) {
      await ctx.answerInlineQuery([], { cache_time: 30 });
      return;
    }
    const answer = await engine.ask(query);
    // Not logged as a question: a query arrives per pause in typing, mostly half-written.
    await ctx.answerInlineQuery(inlineResults(answer), { cache_time: 300 });
  });
  return composer;
}
