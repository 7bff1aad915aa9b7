import type { ReportFormat as Markup } from '../read.js';

/** The formats reports are read from; the registry (`registry.ts`) has one converter for each. */
export const REPORT_FORMATS = ['txt', 'md', 'html', 'docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ConvertOptions {
  /** Largest accepted file; default 8 MB. */
  maxBytes?: number;
  /** Largest total a DOCX may unpack to; default 64 MB. */
  maxUnpackedBytes?: number;
}

/**
 * A report as text the cleaner takes: headings and paragraphs on their own
 * lines, tables as `| cell | cell |` rows (merged cells repeated in every
 * column and row they cover), footnotes as `[n] text` lines.
 */
export interface ConvertedReport {
  text: string;
  /** How `text` is marked up, for the cleaner: Word files arrive as HTML, PDFs as plain lines. */
  markup: Markup;
  format: ReportFormat;
  /** What the converter guessed or could not read, each naming the file. */
  warnings: string[];
  bytes: number;
  /** The document's own title and date (Word's document properties), when it has them. */
  title?: string;
  /** ISO `YYYY-MM-DD`. */
  published?: string;
}

export interface Converter {
  format: ReportFormat;
  /** Lower-case, with the dot. */
  extensions: readonly string[];
  convert(bytes: Buffer, file: string, options: ConvertOptions): Promise<Omit<ConvertedReport, 'bytes' | 'format'>>;
}
