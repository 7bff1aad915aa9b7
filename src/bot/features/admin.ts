import { Composer } from 'grammy';
import { UploadNameError } from '../../answer/engine.js';
import type { IngestedDocument } from '../../answer/types.js';
import { isReportFile } from '../../ingest/convert/registry.js';
import { IngestError } from '../../ingest/errors.js';
import { IngestLockedError } from '../../store/ingestLock.js';
import { replyTo, type BotContext, type BotDeps, type UiLang } from '../context.js';
import { DEFAULT_API_ROOT, downloadTelegramFile, FileDownloadError } from '../fileDownload.js';
import { escapeHtml, packBlocks } from '../formatting.js';
import { texts } from '../texts.js';

/** Reports are a few hundred kilobytes, Word and PDF files a few megabytes; anything far larger is not a report. */
export const MAX_UPLOAD_MB = 8;
const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

function ingestSummary(doc: IngestedDocument, lang: UiLang): string {
  const vi = lang === 'vi';
  const dash = (v: string | number | null) => escapeHtml(v === null ? '—' : String(v));
  const lines = [
    `<b>${escapeHtml(doc.file)}</b>: ${escapeHtml(doc.status)}`,
    `${vi ? 'Tiêu đề' : 'Title'}: ${escapeHtml(doc.title)}`,
    `${vi ? 'Tỉnh' : 'Province'}: ${dash(doc.province)} · ${vi ? 'Kỳ' : 'Period'}: ${dash(doc.period)}`,
    `${vi ? 'Đoạn' : 'Passages'}: ${doc.passages} · ${vi ? 'Số liệu' : 'Figures'}: ${doc.figures}`,
    ...(doc.warnings.length > 0
      ? [`${vi ? 'Cảnh báo' : 'Warnings'}:`, ...doc.warnings.map((w) => `• ${escapeHtml(w)}`)]
      : []),
  ];
  return lines.join('\n');
}

function statsMessage(stats: ReturnType<BotDeps['engine']['stats']>, lang: UiLang): string[] {
  const vi = lang === 'vi';
  const days = stats.days.map((d) => {
    const share = d.questions > 0 ? Math.round((100 * d.answered) / d.questions) : 0;
    return vi
      ? `${d.day}: ${d.questions} câu hỏi, trả lời ${share}%, không tìm thấy ${d.nothingFound}`
      : `${d.day}: ${d.questions} questions, ${share}% answered, ${d.nothingFound} found nothing`;
  });
  // One block a line, so that a long list splits between questions, never inside one.
  return packBlocks(
    [
      `<b>${vi ? 'Câu hỏi theo ngày' : 'Questions per day'}</b>`,
      ...(days.length > 0 ? days : ['—']).map(escapeHtml),
      `\n<b>${vi ? 'Câu hỏi không tìm thấy gì' : 'Questions that found nothing'}</b>`,
      ...(stats.unanswered.length > 0 ? stats.unanswered.map((q) => `• ${q}`) : ['—']).map(escapeHtml),
    ],
    undefined,
    '\n',
  );
}

/** `/reload`, `/stats` and report uploads, for `ADMIN_USER_IDS` only. */
export function createAdminFeature({ config, engine }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const admins = new Set(config.ADMIN_USER_IDS);
  const isAdmin = (ctx: BotContext) => ctx.from !== undefined && admins.has(ctx.from.id);
  const say = async (ctx: BotContext, text: string): Promise<void> => {
    await ctx.reply(text, replyTo(ctx));
  };

  composer.command('reload', async (ctx) => {
    if (!isAdmin(ctx)) return say(ctx, texts(ctx.uiLang).adminOnly);
    await engine.reload();
    await ctx.reply(texts(ctx.uiLang).reloaded(engine.sources().length), replyTo(ctx));
  });

  composer.command('stats', async (ctx) => {
    if (!isAdmin(ctx)) return say(ctx, texts(ctx.uiLang).adminOnly);
    for (const html of statsMessage(engine.stats(), ctx.uiLang)) await ctx.reply(html, HTML);
  });

  composer.on('message:document', async (ctx) => {
    const t = texts(ctx.uiLang);
    const doc = ctx.msg.document;
    if (!isAdmin(ctx)) return say(ctx, t.fileRefused);
    const name = doc.file_name ?? '';
    if (!isReportFile(name)) return say(ctx, t.fileType(MAX_UPLOAD_MB));
    const maxBytes = MAX_UPLOAD_MB * 1024 * 1024;
    if ((doc.file_size ?? 0) > maxBytes) return say(ctx, t.fileTooBig(MAX_UPLOAD_MB));

    await ctx.replyWithChatAction('upload_document').catch(() => undefined);
    const file = await ctx.getFile();
    if (!file.file_path) throw new FileDownloadError('getFile returned no file_path');
    const token = config.TELEGRAM_BOT_TOKEN ?? '';
    let content: Buffer;
    try {
      content = await downloadTelegramFile(
        config.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT,
        token,
        file.file_path,
        maxBytes,
      );
    } catch (err) {
      if (err instanceof FileDownloadError && err.tooLarge) return say(ctx, t.fileTooBig(MAX_UPLOAD_MB));
      throw err;
    }
    let ingested: IngestedDocument;
    try {
      ingested = await engine.ingestFile(name, content);
    } catch (err) {
      if (err instanceof UploadNameError) return say(ctx, t.fileName(name));
      // Another process holds the ingest lock: nothing of the file reached the store.
      if (err instanceof IngestLockedError) {
        ctx.log.warn({ file: name }, err.message);
        return say(ctx, t.ingestBusy);
      }
      if (!(err instanceof IngestError)) throw err;
      ctx.log.warn({ file: name, reason: err.reason }, 'report upload refused');
      return say(ctx, t.fileRejected(name, err.reason, MAX_UPLOAD_MB));
    }
    ctx.log.info(
      { file: name, status: ingested.status, passages: ingested.passages, figures: ingested.figures },
      'report uploaded',
    );
    await ctx.reply(ingestSummary(ingested, ctx.uiLang), { ...HTML, ...replyTo(ctx) });
  });
  return composer;
}
