import type { AskOptions } from '../answer/types.js';
import { otherCandidates, type CachedAnswer } from './answerCache.js';
import { replyTo, type BotContext, type BotDeps } from './context.js';
import { renderAnswer } from './formatting.js';
import { helpMessage } from './help.js';
import { answerKeyboard } from './keyboards/answerKeyboard.js';
import { MAX_QUESTION_CHARS, texts } from './texts.js';

export type AnswerQuestion = (ctx: BotContext, question: string, intent?: AskOptions['intent']) => Promise<void>;

/** Telegram shows "typing…" for five seconds; renewing a bit earlier keeps it steady. */
const TYPING_RENEW_MS = 4500;

function startTyping(ctx: BotContext): () => void {
  const send = (): void => {
    ctx
      .replyWithChatAction('typing')
      .catch((err: unknown) => ctx.log.debug({ err: String(err) }, 'typing action failed'));
  };
  send();
  const timer = setInterval(send, TYPING_RENEW_MS);
  return () => clearInterval(timer);
}

/** Asks the engine, logs the question, and sends the answer with its buttons (split if long). */
export function createAnswerQuestion({ engine, answers }: BotDeps): AnswerQuestion {
  return async (ctx, raw, intent) => {
    const question = raw.trim();
    if (question === '') {
      await ctx.reply(helpMessage(engine, ctx.uiLang, ctx.me.username), { parse_mode: 'HTML', ...replyTo(ctx) });
      return;
    }
    if (question.length > MAX_QUESTION_CHARS) {
      await ctx.reply(texts(ctx.uiLang).tooLong(MAX_QUESTION_CHARS), replyTo(ctx));
      return;
    }
    const started = performance.now();
    const stopTyping = startTyping(ctx);
    const answer = await engine.ask(question, intent ? { intent } : undefined).finally(stopTyping);
    try {
      engine.logQuestion({
        question,
        kind: answer.kind,
        answered: answer.kind !== 'abstain',
        lang: answer.lang,
        chatType: ctx.chat?.type ?? 'unknown',
      });
    } catch (err) {
      // Statistics must never cost the user the answer.
      ctx.log.warn({ err: String(err) }, 'could not log the question');
    }
    const entry: CachedAnswer = {
      question,
      answerText: answer.answer_text,
      lang: answer.lang,
      citations: answer.citations,
      others: otherCandidates(answer),
      voters: new Set(),
    };
    const keyboard = answerKeyboard(answers.put(entry), entry, answer.lang);
    const messages = renderAnswer(answer);
    for (const [i, html] of messages.entries()) {
      await ctx.reply(html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(i === 0 ? replyTo(ctx) : {}),
        ...(i === messages.length - 1 ? { reply_markup: keyboard } : {}),
      });
    }
    ctx.log.info(
      {
        kind: answer.kind,
        chat_type: ctx.chat?.type,
        messages: messages.length,
        ms: Math.round(performance.now() - started),
      },
      'question answered',
    );
    ctx.log.debug({ question }, 'question text');
  };
}
