import { InlineKeyboard } from 'grammy';
import type { CachedAnswer } from '../answerCache.js';
import { encodeCallback } from '../callbackData.js';
import type { UiLang } from '../context.js';
import { texts } from '../texts.js';

/** Telegram shows at most eight buttons in a row comfortably on a phone. */
const SOURCES_PER_ROW = 8;

/** `📄 1` … per citation, then `Kết quả khác` (when there are more) and 👍 / 👎. */
export function answerKeyboard(id: string, entry: CachedAnswer, lang: UiLang): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  entry.citations.forEach((c, i) => {
    if (i > 0 && i % SOURCES_PER_ROW === 0) keyboard.row();
    keyboard.text(`📄 ${c.n}`, encodeCallback({ kind: 'source', id, n: c.n }));
  });
  if (entry.citations.length > 0) keyboard.row();
  if (entry.others.length > 0) keyboard.text(texts(lang).more, encodeCallback({ kind: 'more', id, page: 0 }));
  keyboard
    .text('👍', encodeCallback({ kind: 'vote', id, vote: 1 }))
    .text('👎', encodeCallback({ kind: 'vote', id, vote: -1 }));
  return keyboard;
}

/** Under a page of other results: the next page, while there is one. */
export function moreKeyboard(id: string, nextPage: number, lang: UiLang): InlineKeyboard {
  return new InlineKeyboard().text(texts(lang).more, encodeCallback({ kind: 'more', id, page: nextPage }));
}
