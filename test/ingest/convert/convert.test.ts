import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeReportFixtures, PDF_ROWS, type ReportFixtures } from '../../../scripts/make-report-fixtures.js';
import { cleanReport } from '../../../src/ingest/clean.js';
import { convertReport, readReportFile } from '../../../src/ingest/convert/registry.js';
import { unpackZip } from '../../../src/ingest/convert/zip.js';
import { IngestError } from '../../../src/ingest/errors.js';
import { removeDir, tempDir } from '../../helpers.js';

let fx: ReportFixtures;
beforeAll(async () => {
  fx = await makeReportFixtures(tempDir('ansinh-convert-'));
}, 60_000);
afterAll(() => removeDir(fx.dir));

async function failure(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error('expected an IngestError');
}

const cleaned = async (path: string) => {
  const report = await readReportFile(path);
  return cleanReport(report.text, report.markup).text;
};

describe('Word', () => {
  test("the document's own title and date come from its properties", async () => {
    const report = await readReportFile(fx.docx);
    expect(report.format).toBe('docx');
    expect(report.title).toBe('Báo cáo kết quả công tác Lao động - Thương binh và Xã hội năm 2024');
    expect(report.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('headings, paragraphs and list items stand on their own lines', async () => {
    const lines = (await cleaned(fx.docx)).split('\n');
    expect(lines).toContain('I. Tình hình chung');
    expect(lines).toContain('- Phát triển thị trường lao động;');
    expect(lines).toContain('Các nhiệm vụ trọng tâm gồm:');
  });

  test('a footnote becomes a `[n] text` line after the mark that cites it', async () => {
    const text = await cleaned(fx.docx);
    expect(text).toContain('quyết định của tỉnh[1].');
    expect(text).toMatch(/^\[1\] Theo Quyết định số 1234\/QĐ-UBND ngày 15\/3\/2024/m);
  });

  test('merged header cells repeat over the columns and rows they cover', async () => {
    const text = await cleaned(fx.docx);
    expect(text).toContain('| TT | Chỉ tiêu | ĐVT | Năm 2024 | Năm 2024 | Năm 2024 | So cùng kỳ (%) |');
    expect(text).toContain('| TT | Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện | Tỷ lệ % so KH | So cùng kỳ (%) |');
    expect(text).toContain('| 9 | Cai nghiện ma túy | người | 450 | 497 | 110,4 | 108,1 |');
  });

  test.each([
    ['a corrupt file', () => fx.corruptDocx, 'malformed', /hong\.docx: not a readable Word file/],
    ['a zip bomb', () => fx.zipBomb, 'zip_bomb', /bom-nen\.docx: unpacks to 200\.0 MB, over the 64\.0 MB limit/],
  ])('%s is refused with a reason naming the file', async (_name, path, reason, message) => {
    const error = await failure(readReportFile(path()));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
  });

  test('a zip bomb that lies about its sizes is stopped while it unpacks', () => {
    const bomb = Buffer.from(readFileSync(fx.zipBomb));
    // Declare 1 KB unpacked, in the local header and in the directory.
    bomb.writeUInt32LE(1024, 22);
    const central = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(1024, central + 24);
    expect(() => unpackZip(bomb, 'liar.docx', 8 * 1024 * 1024)).toThrow(/over the 8\.0 MB limit/);
  });

  test('a few bytes of a zip are malformed', async () => {
    const error = await failure(convertReport(readFileSync(fx.zipBomb).subarray(0, 10), 'x.docx'));
    expect(error.reason).toBe('malformed');
  });
});

describe('PDF', () => {
  test('running headers, footers and page numbers are removed', async () => {
    const text = await cleaned(fx.pdf);
    expect(text).not.toMatch(/Trang \d\/2/);
    expect(text).not.toContain('Báo cáo năm 2024');
  });

  test('lines join into paragraphs and a word hyphenated at a line end is mended', async () => {
    const text = await cleaned(fx.pdf);
    expect(text).toContain(
      'Hoạt động tư vấn, giới thiệu việc làm được đẩy mạnh, kết hợp phiên giao dịch việc làm trực tiếp với tư vấn trực tuyến qua nền tảng Zalo và Facebook, giúp người lao động tiếp cận thông tin thị trường lao động thuận lợi hơn.',
    );
    expect(text.split('\n')).toContain('I. TÌNH HÌNH CHUNG');
  });

  test('a table is recovered from the positions of its cells', async () => {
    const text = await cleaned(fx.pdf);
    expect(text).toContain('| STT | Chỉ tiêu | ĐVT | Kế hoạch 2024 | Thực hiện 2024 | Tỷ lệ % so KH |');
    for (const [i, row] of PDF_ROWS.entries()) expect(text).toContain(`| ${i + 1} | ${row.join(' | ')} |`);
  });

  test('a PDF without a text layer gets one warning that names it and says OCR is needed', async () => {
    const error = await failure(readReportFile(fx.scanPdf));
    expect(error.reason).toBe('no_text');
    expect(error.message).toMatch(/^ban-scan\.pdf: .*OCR is needed/);
  });

  test('bytes that are not a PDF are malformed', async () => {
    const error = await failure(convertReport(Buffer.from('%PDF-1.4 nothing else'), 'x.pdf'));
    expect(error.reason).toBe('malformed');
  });
});

describe('legacy encodings in any format', () => {
  test('a TCVN3 text file is converted to Unicode with one warning', async () => {
    const report = await readReportFile(fx.tcvn3);
    expect(report.text).toContain('Sở Lao động - Thương binh và Xã hội tỉnh Thái Bình');
    expect(report.text).toContain('Tỷ lệ hộ nghèo toàn tỉnh giảm còn 1,25%');
    expect(report.warnings).toEqual([
      'thai-binh-tcvn3.txt: typed in the legacy TCVN3 (ABC) encoding; converted to Unicode',
    ]);
  });

  test('TCVN3 inside an HTML page is converted too', async () => {
    const html = `<p>${readFileSync(fx.tcvn3, 'latin1')}</p>`;
    const report = await convertReport(Buffer.from(html, 'utf8'), join(fx.dir, 'cu.html'));
    expect(report.text).toContain('tỉnh Thái Bình');
    expect(report.warnings).toHaveLength(1);
  });
});
