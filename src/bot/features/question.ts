import { Composer } from 'grammy';
import type { AnswerQuestion } from '../answerQuestion.js';
import type { BotContext } from '../context.js';
import { stripMention } from '../middlewares/groupFilter.js';

/** Commands whose edited text is answered again with their intent; other edited commands are left. */
const EDITABLE_COMMANDS = { kiemtra: 'factcheck', sosanh: 'compare' } as const;

/**
 * Text that reached this point is a question: anything in a private chat, a mention or a reply to
 * the bot in a group (the group filter let nothing else through). Edited questions are answered again.
 */
export function createQuestionFeature(answerQuestion: AnswerQuestion): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('message:text', (ctx) => answerQuestion(ctx, stripMention(ctx.msg.text, ctx.me.username)));

  composer.on('edited_message:text', async (ctx) => {
    const text = ctx.msg.text;
    const command = /^\/([a-z]+)(?:@\w+)?(?:\s+|$)/i.exec(text);
    if (!command) return answerQuestion(ctx, stripMention(text, ctx.me.username));
    const intent = EDITABLE_COMMANDS[command[1]?.toLowerCase() as keyof typeof EDITABLE_COMMANDS];
    const rest = text.slice(command[0].length).trim();
    if (intent && rest) await answerQuestion(ctx, rest, intent);
  });
  return composer;
}
