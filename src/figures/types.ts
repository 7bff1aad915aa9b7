/** What a parsed figure is. */
export const FIGURE_KINDS = ['count', 'percent', 'money', 'achieved_over_plan', 'change', 'rank'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export const QUALIFIERS = ['gần', 'trên', 'hơn', 'khoảng', 'dưới', 'lũy kế', 'đạt'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Whether a figure reports what was done, what is planned, what is estimated or forecast, or a running total. */
export const FIGURE_STATUSES = ['result', 'plan', 'forecast', 'cumulative'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];

/**
 * What a figure is to the sentence: a level, a change, the percent of plan
 * reached, a ratio to an earlier period (`bằng 95,3% so với cùng kỳ`), or a share (`chiếm 32%`).
 */
export const FIGURE_ROLES = ['level', 'change', 'plan_percent', 'baseline_ratio', 'share'] as const;
export type FigureRole = (typeof FIGURE_ROLES)[number];

/** What the words around a figure say of it, computed once at ingest (`figures/evidence.ts`). */
export interface FigureEvidence {
  /** Folded words of the figure's clause before it, with its unit words; space-padded. */
  label: string;
  /** Folded words after it, to the end of its clause. */
  after: string;
  /** Folded words of the clause it continues (`X còn A, giảm B`: B carries X's words), or a space. */
  subject: string;
  /** Index of its sentence in the passage. */
  sentence: number;
  /** Its own period key when its clause names one (`2020`, `2024-9m`, `2021-2025`); null: the report's. */
  period: string | null;
  /** Its clause compares with an earlier period (`so với cùng kỳ năm 2023`). */
  baseline: boolean;
  status: FigureStatus;
  role: FigureRole;
  /** The figure is the country's (`cả nước`), not the province's. */
  national: boolean;
}

/** What a table column holds, read from its header: `Kế hoạch 2024`, `Thực hiện 2024`, `Tỷ lệ % so KH`, `Ước thực hiện`, `So cùng kỳ`. */
export const TABLE_COLUMN_ROLES = ['plan', 'result', 'percent_of_plan', 'estimate', 'same_period', 'value'] as const;
export type TableColumnRole = (typeof TABLE_COLUMN_ROLES)[number];

/** Where a figure read from a table stands: the table's number in the report, the row's label, the column's header. */
export interface TableCell {
  n: number;
  row: string;
  column: string;
  role: TableColumnRole;
  /** The column's period (`năm 2024`), or null when its header names none. */
  period: string | null;
}

/**
 * One numeric expression found in a text, kept verbatim with what it means.
 *
 * `value` is the figure's main value in base units: money in đồng, percents as
 * the percent number (2,4% → 2.4). For `achieved_over_plan` it is the achieved
 * part and `target` the plan; for `change` it is the amount of the change, or the
 * new level for `giảm từ A xuống B` (then `from` and `to` are set).
 */
export interface Figure {
  /** Verbatim text as it stands in the source, e.g. `7.000/6.400 người`. */
  text: string;
  /** Offsets of `text` in the string given to the parser. */
  start: number;
  end: number;
  kind: FigureKind;
  value: number;
  /** Plan target of an achieved-over-plan figure, or the whole of a rank (`12/19`). */
  target?: number;
  /** Percent of plan attached nearby (`đạt 109,4% kế hoạch`), as a number (109.4). */
  percentOfPlan?: number;
  /** Verbatim text of the percent of plan, e.g. `109,4%`. */
  percentOfPlanText?: string;
  /** Change direction, and levels for `từ A xuống B`. */
  direction?: 'up' | 'down';
  from?: number;
  to?: number;
  /** Canonical unit: `người`, `hộ`, `%`, `đồng`, `kg`, ... or null when none is written. */
  unit: string | null;
  /** Unit as written, e.g. `triệu đồng`. */
  unitText: string | null;
  qualifier: Qualifier | null;
  /** Taxonomy id of the indicator measured, or null when the context names none. */
  indicator: string | null;
  /** Set at ingest for stored figures. */
  evidence?: FigureEvidence;
  /** Set for a figure read from a table cell; its meaning comes from the column header. */
  table?: TableCell;
}
