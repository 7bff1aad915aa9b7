import { Parser } from 'htmlparser2';

/**
 * Nesting kept when HTML is turned into text. The HTML-to-text walk recurses once per level and
 * overflows the stack near 2,500; real pages nest a few dozen levels.
 */
export const MAX_HTML_DEPTH = 256;

/** Elements whose end starts a new line of text; their tags are dropped when flattened. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

export interface DepthLimited {
  html: string;
  /** Deepest nesting seen in the input. */
  depth: number;
  /** Elements whose tags were dropped (their text is kept). */
  flattened: number;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * HTML whose elements nest at most `maxDepth` deep. The streaming parser keeps its own stack, so
 * this never recurses; below `maxDepth` the tags are dropped and their text kept (a block's end
 * becomes a line break). Input within the limit is returned as it is.
 */
export function limitHtmlDepth(html: string, maxDepth = MAX_HTML_DEPTH): DepthLimited {
  const out: string[] = [];
  /** Per open element: whether its tags were written. */
  const written: boolean[] = [];
  let deepest = 0;
  let flattened = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const keep = written.length < maxDepth;
        written.push(keep);
        deepest = Math.max(deepest, written.length);
        if (!keep) {
          flattened++;
          return;
        }
        let tag = `<${name}`;
        for (const [key, value] of Object.entries(attributes)) tag += ` ${key}="${escapeAttribute(value)}"`;
        out.push(`${tag}>`);
      },
      onclosetag(name) {
        const keep = written.pop();
        if (keep) out.push(`</${name}>`);
        else if (keep === false && BLOCK_TAGS.has(name)) out.push('<br>');
      },
      ontext(text) {
        out.push(escapeText(text));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  if (flattened === 0) return { html, depth: deepest, flattened };
  return { html: out.join(''), depth: deepest, flattened };
}
