import type { Figure, TableCell } from '../figures/types.js';
import type { StoredDocument, StoredPassage } from '../store/corpusStore.js';
import type { Citation } from './schema.js';
import { TEXTS, type Lang } from './texts.js';

/** Numbers citations in order of first use; the same passage is cited once. */
export class CitationList {
  private readonly items: Citation[] = [];

  constructor(readonly lang: Lang) {}

  /**
   * The citation mark number for a passage, adding it on first use. A figure read
   * from a table names its table, row and column in the citation.
   */
  cite(passage: StoredPassage, document: StoredDocument, quote: string, figure?: Figure): number {
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
    if (figure?.table) this.items[n - 1]!.location = tableLocation(figure.table, this.lang);
    return n;
  }

  /** Takes a citation made by another list (one reply joined into another); its new number. */
  add(citation: Citation): number {
    const existing = this.items.find((c) => c.passage_id === citation.passage_id);
    if (existing) {
      if (!existing.quote.includes(citation.quote)) existing.quote = `${existing.quote} … ${citation.quote}`.trim();
      return existing.n;
    }
    const n = this.items.length + 1;
    this.items.push({ ...citation, n });
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
        c.location ?? `${t.passage} ${passageNo}`,
      ];
      if (c.source_url) parts.push(c.source_url);
      return `[${c.n}] ${parts.join(' · ')}`;
    });
    return `${t.sources}:\n${lines.join('\n')}`;
  }
}

/** `bảng 2 · dòng «Giải quyết việc làm» · cột «Thực hiện 2024»`. */
export function tableLocation(cell: TableCell, lang: Lang): string {
  const t = TEXTS[lang];
  return `${t.table} ${cell.n} · ${t.row} «${cell.row}» · ${t.column} «${cell.column}»`;
}
