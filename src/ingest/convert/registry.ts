import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { IngestError } from '../errors.js';
import { checkSize, DEFAULT_MAX_BYTES } from '../read.js';
import { docxConverter } from './docx.js';
import { createLegacyDecoder } from './legacyEncoding.js';
import { pdfConverter } from './pdf.js';
import { textConverter } from './text.js';
import type { ConvertedReport, ConvertOptions, Converter, ReportFormat } from './types.js';

/**
 * Every format a report may come in, one entry each: ingest, the bot's upload
 * and the help texts all read this list, so adding a format is one line here.
 */
export const CONVERTERS: readonly Converter[] = [
  textConverter('txt', ['.txt']),
  textConverter('md', ['.md', '.markdown']),
  textConverter('html', ['.html', '.htm']),
  docxConverter,
  pdfConverter,
];

export const REPORT_EXTENSIONS: readonly string[] = CONVERTERS.flatMap((c) => c.extensions);

/** `.txt, .md, .html, .docx, .pdf`: the main extension of each format, for messages. */
export const FORMAT_LIST: string = CONVERTERS.map((c) => c.extensions[0]).join(', ');

const LEGACY = createLegacyDecoder();

export function converterFor(file: string): Converter | undefined {
  const ext = extname(file).toLowerCase();
  return CONVERTERS.find((c) => c.extensions.includes(ext));
}

export function isReportFile(file: string): boolean {
  return converterFor(file) !== undefined;
}

export function formatOfFile(file: string): ReportFormat | undefined {
  return converterFor(file)?.format;
}

/** Reads a report from disk, checking its type and size before reading it whole. */
export async function readReportFile(path: string, options: ConvertOptions = {}): Promise<ConvertedReport> {
  const name = basename(path);
  requireConverter(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new IngestError(`${name}: not a regular file`, path, 'unreadable');
    size = info.size;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(`${name}: cannot read the file (${describe(error)})`, path, 'unreadable');
  }
  checkSize(size, options.maxBytes ?? DEFAULT_MAX_BYTES, path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new IngestError(`${name}: cannot read the file (${describe(error)})`, path, 'unreadable');
  }
  return convertReport(bytes, path, options);
}

/**
 * Turns a report's bytes into text for the cleaner, by the converter of its
 * extension; `file` names the report in errors and warnings. Text typed in a
 * legacy Vietnamese encoding is converted to Unicode, whatever the format.
 */
export async function convertReport(
  bytes: Uint8Array,
  file: string,
  options: ConvertOptions = {},
): Promise<ConvertedReport> {
  const converter = requireConverter(file);
  checkSize(bytes.length, options.maxBytes ?? DEFAULT_MAX_BYTES, file);
  const name = basename(file);
  if (bytes.length === 0) throw new IngestError(`${name}: the file is empty`, file, 'empty');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const converted = await converter.convert(buffer, file, options);
  const report: ConvertedReport = { ...converted, format: converter.format, bytes: bytes.length };
  const legacy = LEGACY.decode(report.text);
  if (legacy.encoding) {
    report.text = legacy.text;
    report.warnings = [
      ...report.warnings,
      `${name}: typed in the legacy ${LEGACY.nameOf(legacy.encoding)} encoding; converted to Unicode`,
    ];
    if (report.title) report.title = LEGACY.decode(report.title).text;
  }
  return report;
}

function requireConverter(file: string): Converter {
  const converter = converterFor(file);
  if (!converter) {
    const ext = extname(file).toLowerCase();
    throw new IngestError(
      `${basename(file)}: unsupported file type "${ext || '(no extension)'}"; reports must be ${FORMAT_LIST}`,
      file,
      'unsupported',
    );
  }
  return converter;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}
