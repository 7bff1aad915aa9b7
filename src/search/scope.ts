import { expandProvince, mergedInto } from '../ingest/provinces.js';
import type { StoredDocument } from '../store/corpusStore.js';
import type { ParsedQuery } from './query.js';

/** The year the 2025 provincial merger took effect. */
export const MERGER_YEAR = 2025;

/**
 * The asked provinces' documents (a merged post-2025 name brings its old
 * provinces); all documents when the question names no province.
 */
export function scopeDocuments(
  all: StoredDocument[],
  query: ParsedQuery,
): { documents: StoredDocument[]; missing: string[] } {
  if (query.provinces.length === 0) return { documents: all, missing: [] };
  const documents: StoredDocument[] = [];
  const missing: string[] = [];
  for (const province of query.provinces) {
    // A name in force both before and after July 2025 (Thái Nguyên) means its own reports first;
    // a merged name with no report of its own leads to the provinces merged into it.
    const own = all.filter((d) => d.province === province);
    const found = own.length > 0 ? own : all.filter((d) => d.province && expandProvince(province).includes(d.province));
    // A province merged away in 2025 (Long An) is reported on since by the unit that took it in (Tây Ninh).
    const unit = mergedInto(province);
    if (unit && unit !== province) {
      for (const d of all) if (d.province === unit && (d.year ?? 0) >= MERGER_YEAR && !found.includes(d)) found.push(d);
    }
    if (found.length === 0) missing.push(province);
    for (const d of found) if (!documents.includes(d)) documents.push(d);
  }
  return { documents, missing };
}
