import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, test } from 'vitest';
import { IngestError } from '../../src/ingest/errors.js';
import { decodeReport, readReport } from '../../src/ingest/read.js';

const dir = mkdtempSync(join(tmpdir(), 'ansinh-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
const VIETNAMESE = 'Tỷ lệ hộ nghèo giảm còn 2,11%; Sở Lao động – Thương binh và Xã hội đã hỗ trợ 1.000 người.';

/**
 * Windows-1258 bytes as legacy Vietnamese software writes them: letters with hats,
 * horns and breves precomposed, tones as combining marks.
 */
function windows1258(text: string): Buffer {
  let legacy = '';
  for (const letter of text.normalize('NFC')) {
    const parts = letter.normalize('NFD');
    const tone = TONE.exec(parts)?.[0] ?? '';
    legacy += parts.replace(TONE, '').normalize('NFC') + tone;
  }
  return iconv.encode(legacy, 'windows1258');
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error('expected an IngestError');
}

describe('readReport', () => {
  test('plain UTF-8 text is read as is', async () => {
    const path = file('bao-cao.txt', VIETNAMESE);
    expect(await readReport(path)).toEqual({
      text: VIETNAMESE,
      format: 'txt',
      warnings: [],
      bytes: Buffer.byteLength(VIETNAMESE),
    });
  });

  test('a UTF-8 byte order mark is dropped', async () => {
    const path = file('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VIETNAMESE)]));
    const report = await readReport(path);
    expect(report.text).toBe(VIETNAMESE);
    expect(report.warnings).toEqual([]);
  });

  test('a UTF-8 byte order mark before invalid UTF-8 is an encoding error', async () => {
    const path = file('bad-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), windows1258(VIETNAMESE)]));
    expect((await failure(readReport(path))).reason).toBe('encoding');
  });

  test.each([
    ['utf16-le', Buffer.from([0xff, 0xfe])],
    ['utf16-be', Buffer.from([0xfe, 0xff])],
  ])('%s text with a byte order mark is decoded', async (encoding, bom) => {
    const path = file(`${encoding}.txt`, Buffer.concat([bom, iconv.encode(VIETNAMESE, encoding)]));
    expect((await readReport(path)).text).toBe(VIETNAMESE);
  });

  test('Windows-1258 bytes are decoded, composed to NFC, with a warning', async () => {
    const path = file('cp1258.txt', windows1258(VIETNAMESE));
    const report = await readReport(path);
    expect(report.text).toBe(VIETNAMESE);
    expect(report.text).toBe(report.text.normalize('NFC'));
    expect(report.warnings).toEqual(['cp1258.txt: not valid UTF-8; decoded as Windows-1258 (Vietnamese)']);
  });

  test('Latin-1 bytes without Vietnamese letters are decoded as Latin-1, with a warning', async () => {
    const latin = 'Rapport annuel: école, société, 2,4 % de hausse à Genève.';
    const path = file('latin1.txt', iconv.encode(latin, 'latin1'));
    const report = await readReport(path);
    expect(report.text).toBe(latin);
    expect(report.warnings).toEqual(['latin1.txt: not valid UTF-8; decoded as Latin-1 (ISO-8859-1)']);
  });

  test.each([
    ['empty.txt', ''],
    ['blank.txt', ' \n\t\r\n  \u00A0\n'],
    ['bom-only.txt', '\uFEFF'],
  ])('%s is rejected as empty', async (name, content) => {
    const error = await failure(readReport(file(name, content)));
    expect(error.reason).toBe('empty');
    expect(error.file).toBe(join(dir, name));
  });

  test('a file with NUL bytes is rejected as binary', async () => {
    const path = file(
      'image.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    );
    expect((await failure(readReport(path))).reason).toBe('binary');
  });

  test('a file of control bytes is rejected as binary', async () => {
    const bytes = Buffer.alloc(2000, 0x41);
    for (let i = 0; i < bytes.length; i += 3) bytes[i] = 0x02;
    expect((await failure(readReport(file('control.txt', bytes)))).reason).toBe('binary');
  });

  test('a 10 MB file is too large, and the message names its size and the limit', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, '');
    truncateSync(path, 10 * 1024 * 1024);
    const error = await failure(readReport(path));
    expect(error.reason).toBe('too_large');
    expect(error.message).toBe('huge.txt is 10.0 MB, over the 8.0 MB limit for one report; split it or raise maxBytes');
  });

  test('the size limit can be set', async () => {
    const path = file('small-limit.txt', VIETNAMESE);
    expect((await failure(readReport(path, { maxBytes: 10 }))).reason).toBe('too_large');
  });

  test.each(['bao-cao.pdf', 'bao-cao.docx', 'README'])('%s is rejected as unsupported', async (name) => {
    const error = await failure(readReport(file(name, VIETNAMESE)));
    expect(error.reason).toBe('unsupported');
    expect(error.message).toContain('reports must be .txt, .md or .html');
  });

  test.each([
    ['a.txt', 'txt'],
    ['a.md', 'md'],
    ['a.MD', 'md'],
    ['a.html', 'html'],
    ['a.htm', 'html'],
  ])('%s is read as %s', async (name, format) => {
    expect((await readReport(file(name, VIETNAMESE))).format).toBe(format);
  });

  test('a missing file is unreadable', async () => {
    const error = await failure(readReport(join(dir, 'missing.txt')));
    expect(error.reason).toBe('unreadable');
    expect(error.message).toContain('ENOENT');
  });

  test('a directory is unreadable', async () => {
    const path = join(dir, 'folder.txt');
    mkdirSync(path);
    expect((await failure(readReport(path))).reason).toBe('unreadable');
  });
});

describe('decodeReport', () => {
  test('decodes uploaded bytes the same way as a file', () => {
    const report = decodeReport(windows1258(VIETNAMESE), 'upload.md');
    expect(report.text).toBe(VIETNAMESE);
    expect(report.format).toBe('md');
    expect(report.warnings).toHaveLength(1);
  });

  test('checks the extension before the bytes', () => {
    expect(() => decodeReport(new Uint8Array(), 'upload.exe')).toThrow(/unsupported file type ".exe"/);
  });
});
