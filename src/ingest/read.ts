import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import iconv from 'iconv-lite';
import { looksLegacy } from './convert/legacyEncoding.js';
import { readUtf8 } from './decode.js';
import { IngestError } from './errors.js';

export type ReportFormat = 'txt' | 'md' | 'html';

export interface ReadOptions {
  /** Largest accepted file; default 8 MB. The biggest real report is about 35 KB. */
  maxBytes?: number;
}

export interface ReportFile {
  text: string;
  format: ReportFormat;
  /** Anything the reader guessed, e.g. the legacy encoding it fell back to. */
  warnings: string[];
  bytes: number;
}

export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

const FORMATS: ReadonlyMap<string, ReportFormat> = new Map([
  ['.txt', 'txt'],
  ['.md', 'md'],
  ['.markdown', 'md'],
  ['.html', 'html'],
  ['.htm', 'html'],
]);

/** Bytes inspected for binary content; enough to tell, cheap on large files. */
const SNIFF_BYTES = 64 * 1024;
/** Share of control bytes above which a file is not text. */
const MAX_CONTROL_SHARE = 0.1;
/** Windows-1258 output that Latin-1 text never yields in quantity: tone marks, ă, đ, ơ, ư. */
const VIETNAMESE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323ăđơưĂĐƠƯ]/g;
const LETTERS_G = /\p{L}/gu;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** Tone marks that NFC leaves uncomposed, above which Windows-1258 is the wrong reading. */
const MIN_STRAY_MARKS = 3;
const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;

/** Reads a report file from disk, checking type and size before reading it whole. */
export async function readReport(path: string, opts: ReadOptions = {}): Promise<ReportFile> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  formatOf(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new IngestError(`${basename(path)}: not a regular file`, path, 'unreadable');
    size = info.size;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(`${basename(path)}: cannot read the file (${describe(error)})`, path, 'unreadable');
  }
  checkSize(size, maxBytes, path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new IngestError(`${basename(path)}: cannot read the file (${describe(error)})`, path, 'unreadable');
  }
  return decodeReport(bytes, path, opts);
}

/**
 * Decodes report bytes that did not come from disk (an upload); `file` names the
 * report in errors and gives the format by its extension.
 */
export function decodeReport(bytes: Uint8Array, file: string, opts: ReadOptions = {}): ReportFile {
  const format = formatOf(file);
  checkSize(bytes.length, opts.maxBytes ?? DEFAULT_MAX_BYTES, file);
  const name = basename(file);
  if (bytes.length === 0) throw new IngestError(`${name}: the file is empty`, file, 'empty');
  const warnings: string[] = [];
  const text = decodeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), file, warnings);
  if (BLANK.test(text)) throw new IngestError(`${name}: the file holds only whitespace`, file, 'empty');
  return { text, format, warnings, bytes: bytes.length };
}

function formatOf(file: string): ReportFormat {
  const ext = extname(file).toLowerCase();
  const format = FORMATS.get(ext);
  if (!format) {
    throw new IngestError(
      `${basename(file)}: unsupported file type "${ext || '(no extension)'}"; reports must be .txt, .md or .html`,
      file,
      'unsupported',
    );
  }
  return format;
}

/** A report over the size limit is refused with its size and the limit. */
export function checkSize(size: number, maxBytes: number, file: string): void {
  if (size > maxBytes) {
    throw new IngestError(
      `${basename(file)} is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit for one report; split it or raise maxBytes`,
      file,
      'too_large',
    );
  }
}

function decodeText(bytes: Buffer, file: string, warnings: string[]): string {
  const name = basename(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16-le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16-be');
  if (looksBinary(bytes)) {
    throw new IngestError(
      `${name}: binary content (NUL or control bytes), not a text report; UTF-16 text needs a byte order mark`,
      file,
      'binary',
    );
  }
  const utf8 = readUtf8(bytes);
  if (utf8.invalidSequences === 0) return utf8.text;
  if (!utf8.mostlyInvalid) {
    warnings.push(
      `${name}: ${utf8.invalidBytes} byte(s) not valid UTF-8 were replaced (${utf8.invalidSequences} place(s)); the rest decoded as UTF-8`,
    );
    return utf8.text;
  }
  // A file that says it is UTF-8 and is not would only be guessed wrong below.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new IngestError(`${name}: starts with a UTF-8 byte order mark but is not valid UTF-8`, file, 'encoding');
  }
  const vietnamese = iconv.decode(bytes, 'windows1258');
  // Windows-1258 writes tones as combining marks; NFC joins them to their letters. Marks left
  // standing after NFC sit on consonants: the bytes were TCVN3 or VNI, one byte a sign.
  const composed = vietnamese.normalize('NFC');
  const stray = composed.length - composed.replace(TONE_MARKS_G, '').length;
  const latin = iconv.decode(bytes, 'latin1');
  // The legacy decoder after reading converts the text and gives the file's one warning.
  if (stray >= MIN_STRAY_MARKS && looksLegacy(latin)) return latin;
  if (looksVietnamese(vietnamese)) {
    warnings.push(`${name}: not valid UTF-8; decoded as Windows-1258 (Vietnamese)`);
    return composed;
  }
  warnings.push(`${name}: not valid UTF-8; decoded as Latin-1 (ISO-8859-1)`);
  return iconv.decode(bytes, 'latin1');
}

function looksBinary(bytes: Buffer): boolean {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Tab, line feed, vertical tab, form feed, carriage return and escape occur in text.
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control++;
  }
  return control > end * MAX_CONTROL_SHARE;
}

function looksVietnamese(text: string): boolean {
  // Counted by what a removal leaves, so that an 8 MB file builds no array of matches.
  const marks = text.length - text.replace(VIETNAMESE_MARKS_G, '').length;
  const letters = text.length - text.replace(LETTERS_G, '').length;
  return marks >= 2 && marks >= letters * 0.03;
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}
