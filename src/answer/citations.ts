import type { StoredDocument, StoredPassage } from '../store/corpusStore.js';
import type { Citation } from './schema.js';
import { TEXTS, type Lang } from './texts.js';

/** Numbers citations in order of first use; the same passage is cited once. */
export class CitationList {
  private readonly items: Citation[] = [];

  constructor(readonly lang: Lang) {}

  /** The citation mark number for a passage, adding it on first use. */
  cite(passage: StoredPassage, document: StoredDocument, quote: string): number {
    const existing = this.items.find((c) => c.passage_id === passage.pid);
    if (existing) {
      if (quote && !existing.quote.includes(quote)) existing.quote = `${existing.quote} … ${quote}`.trim();
      return existing.n;
    }
    const n = this.items.length + 1;
    this.items.push({
      n,
      doc: document.file,
      province: document.province,
      period: document.periodLabel,
      title: document.title,
      passage_id: passage.pid,
      quote,
      passage_text: passage.footnotes ? `${passage.text}\n${passage.footnotes}` : passage.text,
      source_url: document.sourceUrl,
    });
    return n;
  }

  get citations(): Citation[] {
    return this.items;
  }

  /** `[1] Hà Nam · năm 2023 · title · đoạn 12 · link`, a line each. */
  sourcesText(): string {
    if (this.items.length === 0) return '';
    const t = TEXTS[this.lang];
    const lines = this.items.map((c) => {
      const passageNo = c.passage_id.split('#').pop();
      const parts = [
        c.province ?? t.unknownProvince,
        c.period ?? t.unknownPeriod,
        c.title,
        `${t.passage} ${passageNo}`,
      ];
      if (c.source_url) parts.push(c.source_url);
      return `[${c.n}] ${parts.join(' · ')}`;
    });
    return `${t.sources}:\n${lines.join('\n')}`;
  }
}
