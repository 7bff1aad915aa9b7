import type { Citation } from '../answer/schema.js';
import type { PassageView } from '../answer/types.js';
import { escapeHtml, MESSAGE_LIMIT, packBlocks, truncate } from './formatting.js';

/** The heading of a passage: `[n] Title`, then province · period, then the section heading. */
function header(n: number | null, view: Pick<PassageView, 'title' | 'province' | 'period' | 'heading'>): string {
  const title = `<b>${n === null ? '' : `[${n}] `}${escapeHtml(view.title)}</b>`;
  const where = [view.province, view.period]
    .filter((p): p is string => Boolean(p))
    .map(escapeHtml)
    .join(' · ');
  const heading = view.heading ? `<i>${escapeHtml(view.heading)}</i>` : '';
  return [title, where, heading].filter(Boolean).join('\n');
}

/** A link for a report's page; anything but http(s) (a store written before the manifest check) is left out. */
export function link(url: string | null): string[] {
  return url && /^https?:\/\//i.test(url) ? [`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`] : [];
}

/**
 * The full passage behind citation `n`, with the quoted words in bold when the passage fits in one
 * message (a bold tag must never be cut in two by a message split).
 */
export function renderPassage(citation: Citation, view: PassageView | null, limit = MESSAGE_LIMIT): string[] {
  const shown: PassageView = view ?? {
    passage_id: citation.passage_id,
    doc: citation.doc,
    title: citation.title,
    province: citation.province,
    period: citation.period,
    heading: null,
    text: citation.passage_text,
    source_url: citation.source_url,
  };
  const body = escapeHtml(shown.text);
  const quote = escapeHtml(citation.quote.trim());
  const at = quote ? body.indexOf(quote) : -1;
  const bold = at >= 0 ? `${body.slice(0, at)}<b>${quote}</b>${body.slice(at + quote.length)}` : body;
  // A table row's citation names the table, row and column; the row's text gives every header with its cell.
  const head = header(citation.n, shown) + (citation.location ? `\n${escapeHtml(citation.location)}` : '');
  const url = link(shown.source_url ?? citation.source_url);
  const single = [head, bold, ...url].join('\n\n');
  return single.length <= limit ? [single] : packBlocks([head, body, ...url], limit);
}

/** One entry of `Kết quả khác`: where it comes from and the start of the passage. */
export function renderOther(text: string, view: PassageView | null, doc: string): string {
  const head = view ? header(null, view) : `<b>${escapeHtml(doc)}</b>`;
  return `${head}\n${escapeHtml(truncate(view?.text ?? text, 500))}`;
}
