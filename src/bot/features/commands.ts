import { Composer, type Api } from 'grammy';
import type { AnswerQuestion } from '../answerQuestion.js';
import { replyTo, type BotContext, type BotDeps } from '../context.js';
import { escapeHtml, packBlocks } from '../formatting.js';
import { helpMessage } from '../help.js';
import { texts } from '../texts.js';

/** The public commands, as the Telegram menu lists them in each language. */
export const COMMANDS = [
  { command: 'start', vi: 'Bắt đầu', en: 'Start' },
  { command: 'help', vi: 'Hướng dẫn và câu hỏi mẫu', en: 'How to ask, with examples' },
  { command: 'nguon', vi: 'Các báo cáo đang có', en: 'Reports held' },
  { command: 'kiemtra', vi: 'Kiểm tra một nhận định có số liệu', en: 'Fact-check a claim with a figure' },
  { command: 'sosanh', vi: 'So sánh một chỉ tiêu giữa các tỉnh', en: 'Compare an indicator across provinces' },
  { command: 'about', vi: 'Giới thiệu bot', en: 'About this bot' },
] as const;

/** Vietnamese for everyone by default, English for users whose app is in English. */
export async function registerCommands(api: Api): Promise<void> {
  await api.setMyCommands(COMMANDS.map((c) => ({ command: c.command, description: c.vi })));
  await api.setMyCommands(
    COMMANDS.map((c) => ({ command: c.command, description: c.en })),
    { language_code: 'en' },
  );
}

const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

export function createCommandsFeature({ engine }: BotDeps, answerQuestion: AnswerQuestion): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const help = (ctx: BotContext) =>
    ctx.reply(helpMessage(engine, ctx.uiLang, ctx.me.username), { ...HTML, ...replyTo(ctx) });

  composer.command('start', async (ctx) => {
    await ctx.reply(texts(ctx.uiLang).start, replyTo(ctx));
    await help(ctx);
  });
  composer.command('help', help);
  composer.command('about', (ctx) =>
    ctx.reply(texts(ctx.uiLang).about(engine.sources().length, engine.mode), replyTo(ctx)),
  );

  composer.command('nguon', async (ctx) => {
    const t = texts(ctx.uiLang);
    const sources = engine.sources();
    if (sources.length === 0) {
      await ctx.reply(t.noSources, replyTo(ctx));
      return;
    }
    const lines = sources.map((s) => {
      const where = [s.province, s.period]
        .filter((p): p is string => Boolean(p))
        .map((p) => `<b>${escapeHtml(p)}</b>`)
        .join(' · ');
      return `• ${where ? `${where}: ` : ''}${escapeHtml(s.title)} (${s.figures} ${t.figures})`;
    });
    const messages = packBlocks([escapeHtml(t.sourcesTitle(sources.length)), ...lines], undefined, '\n');
    for (const [i, html] of messages.entries()) await ctx.reply(html, { ...HTML, ...(i === 0 ? replyTo(ctx) : {}) });
  });

  composer.command('kiemtra', (ctx) =>
    ctx.match.trim()
      ? answerQuestion(ctx, ctx.match, 'factcheck')
      : ctx.reply(texts(ctx.uiLang).needClaim, replyTo(ctx)),
  );
  composer.command('sosanh', (ctx) =>
    ctx.match.trim()
      ? answerQuestion(ctx, ctx.match, 'compare')
      : ctx.reply(texts(ctx.uiLang).needIndicator, replyTo(ctx)),
  );

  // Any other command gets the help; in groups only when it names this bot, since a bare
  // `/something` there may be meant for another bot.
  composer.on('message:entities:bot_command', async (ctx, next) => {
    const first = ctx.msg.entities[0];
    if (first?.type !== 'bot_command' || first.offset !== 0) return next();
    const named = ctx.msg.text.slice(0, first.length).includes('@');
    if (ctx.chat.type !== 'private' && !named) return;
    await help(ctx);
  });
  return composer;
}
