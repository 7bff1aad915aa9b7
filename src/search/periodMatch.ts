import type { QueryPeriod } from './query.js';

/** The last month a period key covers: `2023` → 12, `2024-9m` → 9, `2024-04` → 4, `2024-q2` → 6. */
export function endMonth(key: string | null): number | null {
  if (!key) return null;
  if (/^\d{4}$/.test(key) || /^\d{4}-\d{4}$/.test(key)) return 12;
  const months = /^\d{4}-(\d{1,2})m$/.exec(key);
  if (months) return Number(months[1]);
  const month = /^\d{4}-(\d{2})$/.exec(key);
  if (month) return Number(month[1]);
  const quarter = /^\d{4}-q([1-4])$/.exec(key);
  if (quarter) return Number(quarter[1]) * 3;
  return null;
}

/**
 * Whether a report of `document`'s period can answer for the asked period:
 * the same year, and a report reaching at least the asked month (a report of
 * `tháng 6 và 6 tháng đầu năm` answers for June; one of nine months does not
 * answer for October). A question for a whole year takes the year's latest
 * report, whatever its length; the sources then show which period it is.
 */
export function periodCovers(
  document: { year: number | null; periodKey: string | null },
  period: QueryPeriod | null,
): boolean {
  if (!period || period.year === null) return true;
  if (document.year !== period.year) return false;
  if (period.kind === 'year' || !period.key) return true;
  const asked = endMonth(period.key);
  const held = endMonth(document.periodKey);
  return asked === null || held === null || asked <= held;
}
