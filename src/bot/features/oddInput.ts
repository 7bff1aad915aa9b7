import { Composer, type FilterQuery } from 'grammy';
import { replyTo, type BotContext } from '../context.js';
import { texts } from '../texts.js';

/** Messages a user sends instead of a question; service messages (pins, joins) are not among them. */
const ODD_KINDS: FilterQuery[] = [
  'message:photo',
  'message:sticker',
  'message:voice',
  'message:audio',
  'message:video',
  'message:video_note',
  'message:animation',
  'message:location',
  'message:venue',
  'message:contact',
  'message:poll',
  'message:dice',
  'message:story',
];

/** A photo, sticker, voice note, location…: one short help line. Not an error, so logged at debug. */
export function createOddInputFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on(ODD_KINDS, async (ctx) => {
    ctx.log.debug('message without text: sent the help line');
    await ctx.reply(texts(ctx.uiLang).oddInput, replyTo(ctx));
  });
  return composer;
}
