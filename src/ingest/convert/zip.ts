import { inflateRawSync } from 'node:zlib';
import { basename } from 'node:path';
import { IngestError } from '../errors.js';

/** A DOCX unpacks to a few megabytes; far more is a zip bomb, not a report. */
export const DEFAULT_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Parts of a Word file: a few dozen. */
const MAX_ENTRIES = 5000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The entries of a zip file, each unpacked under a budget: the sizes the zip
 * declares are checked first, then every entry is inflated with a cap on its
 * output, so that a zip lying about its sizes is stopped too. Throws an
 * `IngestError` (`malformed` or `zip_bomb`) naming the file.
 */
export function unpackZip(bytes: Buffer, file: string, maxUnpacked = DEFAULT_MAX_UNPACKED_BYTES): Map<string, Buffer> {
  const name = basename(file);
  const malformed = (why: string) => new IngestError(`${name}: not a readable Word file (${why})`, file, 'malformed');
  const bomb = (size: string) =>
    new IngestError(
      `${name}: unpacks to ${size}, over the ${mb(maxUnpacked)} limit for a Word file; refused as a possible zip bomb`,
      file,
      'zip_bomb',
    );
  const end = findEnd(bytes);
  if (end < 0) throw malformed('no zip directory');
  const count = bytes.readUInt16LE(end + 10);
  const dirOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw malformed('ZIP64 archives are not read');
  if (count > MAX_ENTRIES) throw malformed(`${count} entries`);

  const entries: { name: string; method: number; compressed: number; size: number; local: number }[] = [];
  let declared = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw malformed('broken zip directory');
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    entries.push({ name: bytes.toString('utf8', at + 46, at + 46 + nameLength), method, compressed, size, local });
    declared += size;
    at += 46 + nameLength + extra + comment;
  }
  if (declared > maxUnpacked) throw bomb(mb(declared));

  const out = new Map<string, Buffer>();
  let unpacked = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (e.local + 30 > bytes.length || bytes.readUInt32LE(e.local) !== LOCAL) throw malformed(`broken entry ${e.name}`);
    const start = e.local + 30 + bytes.readUInt16LE(e.local + 26) + bytes.readUInt16LE(e.local + 28);
    if (start + e.compressed > bytes.length) throw malformed(`entry ${e.name} runs past the end`);
    const data = bytes.subarray(start, start + e.compressed);
    let content: Buffer;
    if (e.method === 0) content = data;
    else if (e.method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, maxUnpacked - unpacked) });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw bomb(`more than ${mb(maxUnpacked)}`);
        }
        throw malformed(`entry ${e.name} does not inflate`);
      }
    } else throw malformed(`entry ${e.name} uses compression method ${e.method}`);
    unpacked += content.length;
    if (unpacked > maxUnpacked) throw bomb(`more than ${mb(maxUnpacked)}`);
    out.set(e.name, content);
  }
  return out;
}

function findEnd(bytes: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= floor; i--) if (bytes.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
