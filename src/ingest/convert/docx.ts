import { basename } from 'node:path';
import mammoth from 'mammoth';
import { IngestError } from '../errors.js';
import type { Converter } from './types.js';
import { DEFAULT_MAX_UNPACKED_BYTES, unpackZip } from './zip.js';

/** Word's title styles are headings too; mammoth maps `Heading 1–6` itself. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];
const FOOTNOTE_LIST = /<ol>((?:<li id="(?:footnote|endnote)-\d+">[\s\S]*?<\/li>)+)<\/ol>/g;
const FOOTNOTE_ITEM = /<li id="(footnote|endnote)-(\d+)">([\s\S]*?)<\/li>/g;
const NOTE_REF_G = /<a href="#(footnote|endnote)-(\d+)"[^>]*>\[(\d+)\]<\/a>/g;
const BACK_LINK = /\s*<a href="#(?:footnote|endnote)-ref-\d+">[^<]*<\/a>/g;
const CORE_TITLE = /<dc:title>([^<]*)<\/dc:title>/;
const CORE_DATE = /<dcterms:created[^>]*>(\d{4}-\d{2}-\d{2})/;

/**
 * Word files (`.docx`), read with mammoth into HTML: headings, paragraphs,
 * lists, tables with their merged cells, footnotes. The zip is unpacked under
 * a size budget first, so a zip bomb or a broken file is refused before
 * mammoth reads it.
 */
export const docxConverter: Converter = {
  format: 'docx',
  extensions: ['.docx'],
  async convert(bytes, file, options) {
    const name = basename(file);
    const parts = unpackZip(bytes, file, options.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES);
    if (!parts.has('word/document.xml')) {
      throw new IngestError(`${name}: not a readable Word file (no word/document.xml)`, file, 'malformed');
    }
    let html: string;
    const warnings: string[] = [];
    try {
      const result = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP });
      html = result.value;
      const unread = result.messages.filter((m) => m.type === 'error');
      if (unread.length > 0) warnings.push(`${name}: parts of the Word file could not be read (${unread[0]!.message})`);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new IngestError(`${name}: not a readable Word file (${why})`, file, 'malformed');
    }
    const report: Awaited<ReturnType<Converter['convert']>> = {
      text: footnotesAsLines(html),
      markup: 'html',
      warnings,
    };
    const core = parts.get('docProps/core.xml')?.toString('utf8') ?? '';
    const title = decodeEntities(CORE_TITLE.exec(core)?.[1] ?? '').trim();
    if (title) report.title = title.normalize('NFC');
    const date = CORE_DATE.exec(core)?.[1];
    if (date) report.published = date;
    return report;
  },
};

/**
 * Mammoth lists footnotes and endnotes at the end as `<ol>`; the passage cutter
 * reads `[n] text` lines, `n` as the mark in the text shows it (endnote ids and
 * marks differ: the mark `[1]` may point to `endnote-2`).
 */
function footnotesAsLines(html: string): string {
  const shown = new Map<string, string>();
  for (const m of html.matchAll(NOTE_REF_G)) shown.set(`${m[1]}-${m[2]}`, m[3]!);
  return html.replace(FOOTNOTE_LIST, (_, items: string) =>
    items.replace(FOOTNOTE_ITEM, (_m, kind: string, id: string, body: string) => {
      const text = body
        .replace(BACK_LINK, '')
        .replace(/<\/?p>/g, ' ')
        .trim();
      return `<p>[${shown.get(`${kind}-${id}`) ?? id}] ${text}</p>`;
    }),
  );
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}
