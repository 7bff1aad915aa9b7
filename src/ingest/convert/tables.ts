import { folded } from '../../figures/evidence.js';
import { parseFigures, parseVietnameseNumber } from '../../figures/parse.js';
import {
  TABLE_COLUMN_ROLES,
  type Figure,
  type FigureEvidence,
  type FigureStatus,
  type TableColumnRole,
} from '../../figures/types.js';
import { fold } from '../../text/normalize.js';
import { parsePeriodQuery } from '../period.js';

/**
 * Tables of a cleaned report, read for their meaning.
 *
 * Every converter writes a table as `| cell | cell |` lines, merged cells
 * repeated over the columns and rows they cover. Here the header rows give
 * each column its name and role (plan, result, percent of plan, estimate,
 * same period last year) and period; each body row becomes one line of text,
 * `Giải quyết việc làm: Kế hoạch 2024: 3.000 người, Thực hiện 2024: 3.200 người,
 * Tỷ lệ % so KH: 106,7%`, which the passage cutter keeps as a passage of its own,
 * and its figures are built from the cells, their meaning taken from the headers
 * rather than guessed from prose. A result with its plan and its percent of plan
 * is one figure, as in the prose form `3.200/3.000 người, đạt 106,7% kế hoạch`.
 */

export interface TableRow {
  /** Offsets of the row's line in the laid-out text. */
  start: number;
  end: number;
  /** Figures of the row, offsets relative to the line. */
  figures: Figure[];
}

export interface LaidOutText {
  text: string;
  rows: TableRow[];
}

interface Column {
  name: string;
  role: TableColumnRole | 'label' | 'unit' | 'order' | 'text';
  period: string | null;
}

const TABLE_LINE = /^\|.*\|$/;
const NUMBER_CELL = /^[-+]?\d[\d.,]*\s*%?$/;
const YEAR = /^(?:19|20)\d{2}$/;
/** `Giải quyết việc làm (người)`: a unit of one or two words in brackets closing the label. */
const UNIT_IN_PARENS = /\s*\(([\p{L}%.]+(?: [\p{L}.]+)?)\)\s*$/u;

/** Column roles by their folded header, first match wins: `tỷ lệ % so KH` before `KH`. */
const ROLES: [RegExp, Column['role']][] = [
  [/^(?:stt|tt|so tt|so thu tu)$/, 'order'],
  [/^(?:dvt|don vi tinh|don vi|dv tinh)$/, 'unit'],
  [/(?:t[iy] le|%).*(?:\bkh\b|ke hoach)|so (?:voi )?(?:kh|ke hoach)|% kh\b/, 'percent_of_plan'],
  [/cung k[iy]|so (?:voi )?(?:nam|k[iy]) truoc|so voi cung/, 'same_period'],
  [/^uoc\b|\buoc (?:thuc hien|th|dat|tinh)\b/, 'estimate'],
  [/ke hoach|\bkh\b|chi tieu (?:giao|nam|ke hoach)|muc tieu/, 'plan'],
  [/thuc hien|\bth\b|ket qua|dat duoc|luy ke/, 'result'],
  [/chi tieu|noi dung|linh vuc|danh muc|ten\b/, 'label'],
];

/** Rewrites the table lines of `text` into row lines and reads their figures. */
export function layoutTables(text: string): LaidOutText {
  const lines = text.split('\n');
  const out: string[] = [];
  const rows: TableRow[] = [];
  let offset = 0;
  let tableNo = 0;
  /** The last table read: a headless table right after it (the next page's part) takes its header. */
  let last: { header: string[][]; end: number } | null = null;
  const emit = (line: string, figures?: Figure[]) => {
    if (figures) rows.push({ start: offset, end: offset + line.length, figures });
    out.push(line);
    offset += line.length + 1;
  };
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && TABLE_LINE.test(lines[j]!)) j++;
    const follows = last !== null && lines.slice(last.end, i).every((l) => l.trim() === '');
    if (j - i >= 2 || (j > i && follows)) {
      const grid = lines.slice(i, j).map(cellsOf);
      const inherited = follows && last && last.header[0]!.length === grid[0]!.length ? last.header : null;
      const read = readTable(grid, inherited ? tableNo : tableNo + 1, inherited);
      if (read) {
        if (!read.continued) tableNo++;
        last = { header: read.header, end: j };
        read.lines.forEach((r, k) => {
          if (k > 0) emit('');
          emit(r.line, r.figures ?? undefined);
        });
        i = j;
        continue;
      }
    }
    emit(lines[i]!);
    i++;
  }
  return { text: out.join('\n'), rows };
}

function cellsOf(line: string): string[] {
  return line
    .slice(1, -1)
    .split('|')
    .map((c) => c.replace(/\s+/g, ' ').trim());
}

interface ReadTable {
  lines: { line: string; figures: Figure[] | null }[];
  header: string[][];
  /** The table goes on from the one before (its header was inherited). */
  continued: boolean;
}

/** The lines of a table, or null when it has no header over numeric rows. */
function readTable(grid: string[][], n: number, inherited: string[][] | null): ReadTable | null {
  const width = Math.max(...grid.map((r) => r.length));
  for (const r of grid) while (r.length < width) r.push('');
  let firstData = grid.findIndex((r) => isDataRow(r));
  const continued = firstData === 0 && inherited !== null;
  if (continued) {
    grid = [...inherited, ...grid];
    firstData = inherited.length;
  }
  if (firstData < 1) return null;
  // A group row (`I. Lĩnh vực lao động`, its cells empty past the label) ends the header early.
  const group = grid.findIndex((r, i) => i > 0 && i < firstData && r.slice(2).every((c) => !c));
  const bodyStart = group > 0 ? group : firstData;
  const columns = nameColumns(grid.slice(0, bodyStart), width);
  const labelAt = labelColumn(columns, grid.slice(bodyStart));
  if (labelAt < 0) return null;
  const unitAt = columns.findIndex((c) => c.role === 'unit');
  const lines: { line: string; figures: Figure[] | null }[] = [];
  for (const cells of grid.slice(bodyStart)) {
    const row = readRow(cells, columns, labelAt, unitAt, n);
    if (row) lines.push(row);
  }
  return { lines, header: grid.slice(0, bodyStart), continued };
}

function isDataRow(cells: string[]): boolean {
  // The first cell may be the row's number; years alone are header cells (`2023 | 2024`).
  return cells.slice(1).some((c) => NUMBER_CELL.test(c) && !YEAR.test(c));
}

/** Column names from the header rows: parts of merged cells said once, a period part last. */
function nameColumns(header: string[][], width: number): Column[] {
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const row of header) {
      const cell = row[c]!;
      if (cell && !parts.includes(cell)) parts.push(cell);
    }
    // `Năm 2024` over `Thực hiện` reads `Thực hiện năm 2024`.
    const periodParts = parts.filter((p) => parsePeriodQuery(p).key && fold(p).replace(/[^a-z]/g, '').length <= 6);
    const rest = parts.filter((p) => !periodParts.includes(p));
    const name =
      rest.length > 0 && periodParts.length > 0
        ? `${rest.join(' ')} ${periodParts.map((p) => p.charAt(0).toLowerCase() + p.slice(1)).join(' ')}`
        : parts.join(' ');
    const folded = fold(name)
      .replace(/[^a-z0-9%]+/g, ' ')
      .trim();
    const role = ROLES.find(([re]) => re.test(folded))?.[1] ?? 'text';
    columns.push({ name, role, period: parsePeriodQuery(name).label ?? null });
  }
  return columns;
}

/** The row label column: `Chỉ tiêu`, else the first column that holds words in the body. */
function labelColumn(columns: Column[], body: string[][]): number {
  const named = columns.findIndex((c) => c.role === 'label');
  if (named >= 0) return named;
  return columns.findIndex(
    (c, i) => c.role !== 'order' && c.role !== 'unit' && body.some((r) => /\p{L}{2,}/u.test(r[i] ?? '')),
  );
}

function readRow(
  cells: string[],
  columns: Column[],
  labelAt: number,
  unitAt: number,
  n: number,
): { line: string; figures: Figure[] | null } | null {
  let label = cells[labelAt]!;
  if (!label) return null;
  let unit = unitAt >= 0 ? cells[unitAt]!.toLowerCase() : '';
  const inLabel = UNIT_IN_PARENS.exec(label);
  if (!unit && inLabel) {
    unit = inLabel[1]!.toLowerCase();
    label = label.slice(0, inLabel.index);
  }
  const values = columns
    .map((column, i) => ({ column, cell: cells[i]! }))
    .filter((v, i) => i !== labelAt && i !== unitAt && v.column.role !== 'order' && v.cell);
  const numeric = values.filter((v) => NUMBER_CELL.test(v.cell));
  if (numeric.length === 0) return { line: [label, ...values.map((v) => v.cell)].join(' '), figures: null };

  let line = `${label}:`;
  const spans = new Map<(typeof values)[number], { start: number; end: number; text: string }>();
  values.forEach((v, k) => {
    const percent = v.column.role === 'percent_of_plan' || v.column.role === 'same_period' || /%/.test(v.column.name);
    const cellUnit = NUMBER_CELL.test(v.cell) && !v.cell.endsWith('%') ? (percent ? '%' : unit) : '';
    const value = cellUnit === '%' ? `${v.cell}%` : cellUnit ? `${v.cell} ${cellUnit}` : v.cell;
    line += `${k > 0 ? ',' : ''} ${v.column.name}: `;
    spans.set(v, { start: line.length, end: line.length + value.length, text: value });
    line += value;
  });

  const figures: Figure[] = [];
  const byRole = (role: TableColumnRole) => numeric.find((v) => v.column.role === role);
  const plan = byRole('plan');
  const result = byRole('result') ?? byRole('estimate');
  const ofPlan = byRole('percent_of_plan');
  const used = new Set<(typeof values)[number]>();
  const samePeriod = (a: Column, b: Column) => !a.period || !b.period || a.period === b.period;
  if (result) {
    const f = cellFigure(label, spans.get(result)!, result.column, n);
    if (f) {
      used.add(result);
      if (plan && samePeriod(plan.column, result.column)) {
        const target = parseVietnameseNumber(plan.cell.replace('%', '').trim());
        if (target !== null && f.kind !== 'percent') {
          f.kind = 'achieved_over_plan';
          f.target = target * multiplierOf(f, result.cell);
          used.add(plan);
        }
      }
      if (ofPlan) {
        const pct = parseVietnameseNumber(ofPlan.cell.replace('%', '').trim());
        if (pct !== null) {
          f.percentOfPlan = pct;
          f.percentOfPlanText = spans.get(ofPlan)!.text;
          used.add(ofPlan);
        }
      }
      figures.push(f);
    }
  }
  for (const v of numeric) {
    if (used.has(v)) continue;
    const f = cellFigure(label, spans.get(v)!, v.column, n);
    if (f) figures.push(f);
  }
  figures.sort((a, b) => a.start - b.start);
  return { line, figures };
}

/** One cell's figure: number and unit read by the prose parser, indicator from the row label. */
function cellFigure(
  label: string,
  span: { start: number; end: number; text: string },
  column: Column,
  n: number,
): Figure | null {
  const probe = `${label}: ${span.text}`;
  const parsed = parseFigures(probe).find((f) => f.start >= label.length);
  if (!parsed) return null;
  const role: TableColumnRole = (TABLE_COLUMN_ROLES as readonly string[]).includes(column.role)
    ? (column.role as TableColumnRole)
    : 'value';
  return {
    ...parsed,
    text: span.text,
    start: span.start,
    end: span.end,
    table: { n, row: label, column: column.name, role, period: column.period },
  };
}

/** The factor between a figure's value and its written number (`tỷ đồng` → 1e9). */
function multiplierOf(f: Figure, cell: string): number {
  const written = parseVietnameseNumber(cell.replace('%', '').trim());
  return written && written !== 0 ? f.value / written : 1;
}

const STATUS_OF_ROLE: Record<TableColumnRole, FigureStatus> = {
  plan: 'plan',
  result: 'result',
  percent_of_plan: 'result',
  estimate: 'forecast',
  same_period: 'result',
  value: 'result',
};

/**
 * What a table figure is, from its column header rather than the words the row
 * line happens to put around it: its status (a plan, a result, an estimate, a
 * running total), its own period, whether it compares with last year, and its
 * label (the row's words and the column's).
 */
export function tableEvidence(figure: Figure, words: FigureEvidence): FigureEvidence {
  const cell = figure.table!;
  const column = fold(cell.column);
  return {
    ...words,
    label: folded(`${cell.row} ${cell.column} ${figure.unitText ?? ''}`),
    after: ' ',
    subject: ' ',
    period: parsePeriodQuery(cell.column).key,
    baseline: cell.role === 'same_period',
    status: /\bluy ke\b/.test(column) ? 'cumulative' : STATUS_OF_ROLE[cell.role],
    role: cell.role === 'same_period' ? 'baseline_ratio' : cell.role === 'percent_of_plan' ? 'plan_percent' : 'level',
  };
}
