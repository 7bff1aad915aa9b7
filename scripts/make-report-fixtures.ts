/**
 * Writes test reports in every format from text held here: a Word report with
 * a merged-header results table and a footnote, a two-page PDF with a running
 * header and footer and a results table, an image-only PDF, a TCVN3 text, an
 * HTML and a Markdown report with tables, a plain text report, a corrupt Word
 * file and a Word zip bomb. The PDF font is DejaVu Sans from the
 * `dejavu-fonts-ttf` package, so no system font is needed.
 *
 *     npm run make-report-fixtures -- DIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

export interface ReportFixtures {
  dir: string;
  docx: string;
  pdf: string;
  scanPdf: string;
  tcvn3: string;
  html: string;
  md: string;
  txt: string;
  corruptDocx: string;
  zipBomb: string;
}

/** Rows of the Word report's table: label, unit, plan, result, percent of plan, same period last year. */
export const DOCX_ROWS: [string, string, string, string, string, string][] = [
  ['Giải quyết việc làm', 'người', '15.000', '15.820', '105,5', '103,2'],
  ['Tuyển sinh đào tạo nghề', 'người', '21.000', '22.365', '106,5', '104,0'],
  ['Người lao động đi làm việc ở nước ngoài theo hợp đồng', 'người', '1.800', '2.046', '113,7', '110,4'],
  ['Tỷ lệ lao động qua đào tạo', '%', '71', '71,8', '101,1', '101,6'],
  ['Số người tham gia bảo hiểm xã hội', 'người', '98.000', '99.540', '101,6', '106,2'],
  ['Số người tham gia bảo hiểm thất nghiệp', 'người', '83.000', '84.112', '101,3', '105,0'],
  ['Hỗ trợ xây dựng, sửa chữa nhà ở cho hộ nghèo', 'căn', '350', '372', '106,3', '120,0'],
  ['Trẻ em có hoàn cảnh đặc biệt được trợ giúp', 'trẻ em', '1.200', '1.264', '105,3', '102,5'],
  ['Cai nghiện ma túy', 'người', '450', '497', '110,4', '108,1'],
];

/** Rows of the PDF report's table: label, unit, plan 2024, result 2024, percent of plan. */
export const PDF_ROWS: [string, string, string, string, string][] = [
  ['Giải quyết việc làm', 'người', '3.000', '3.200', '106,7'],
  ['Đào tạo nghề', 'người', '25.000', '26.150', '104,6'],
  ['Người lao động đi làm việc ở nước ngoài theo hợp đồng có thời hạn', 'người', '1.200', '1.450', '120,8'],
  ['Tỷ lệ lao động qua đào tạo', '%', '70', '71,5', '102,1'],
  ['Số người tham gia bảo hiểm xã hội', 'người', '120.000', '118.400', '98,7'],
  ['Số người tham gia bảo hiểm thất nghiệp', 'người', '95.000', '96.300', '101,4'],
  ['Trẻ em có hoàn cảnh đặc biệt được trợ giúp', 'trẻ em', '1.500', '1.620', '108,0'],
  ['Cai nghiện ma túy', 'người', '400', '436', '109,0'],
  ['Hộ nghèo được hỗ trợ nhà ở', 'căn', '200', '214', '107,0'],
];

const PROSE = [
  'Năm 2024, trong bối cảnh còn nhiều khó khăn, ngành Lao động - Thương binh và Xã hội đã bám sát chỉ đạo của Ủy ban nhân dân tỉnh, chủ động tham mưu và triển khai đồng bộ các nhiệm vụ được giao.',
  'Công tác chăm lo cho người có công với cách mạng, các đối tượng bảo trợ xã hội và trẻ em được quan tâm thực hiện kịp thời, đúng chế độ, đúng đối tượng.',
  'Hoạt động tư vấn, giới thiệu việc làm được đẩy mạnh, kết hợp phiên giao dịch việc làm trực tiếp với tư vấn trực tuyến qua nền tảng Zalo và Facebook, giúp người lao động tiếp cận thông tin thị trường lao động thuận lợi hơn.',
];

export async function makeReportFixtures(dir: string): Promise<ReportFixtures> {
  mkdirSync(dir, { recursive: true });
  const files: ReportFixtures = {
    dir,
    docx: join(dir, 'quang-tri-2024.docx'),
    pdf: join(dir, 'ninh-binh-2024.pdf'),
    scanPdf: join(dir, 'ban-scan.pdf'),
    tcvn3: join(dir, 'thai-binh-tcvn3.txt'),
    html: join(dir, 'dong-nai-6-thang-2024.html'),
    md: join(dir, 'kon-tum-2024.md'),
    txt: join(dir, 'ha-tinh-2024.txt'),
    corruptDocx: join(dir, 'hong.docx'),
    zipBomb: join(dir, 'bom-nen.docx'),
  };
  const docx = await makeDocx();
  writeFileSync(files.docx, docx);
  writeFileSync(files.pdf, await makePdf());
  writeFileSync(files.scanPdf, await makeScanPdf());
  writeFileSync(files.tcvn3, tcvn3Bytes(TCVN3_TEXT));
  writeFileSync(files.html, HTML_REPORT);
  writeFileSync(files.md, MD_REPORT);
  writeFileSync(files.txt, TXT_REPORT);
  // A Word file cut short: its zip directory, at the end, is gone.
  writeFileSync(files.corruptDocx, docx.subarray(0, Math.floor(docx.length / 2)));
  writeFileSync(files.zipBomb, zipBomb());
  return files;
}

// ---- Word ----

function cell(text: string, options: { columnSpan?: number; rowSpan?: number } = {}): TableCell {
  return new TableCell({ children: [new Paragraph(text)], ...options });
}

/** The results table: merged header cells over the plan, result and percent of plan. */
function resultsTable(): Table {
  const header = [
    new TableRow({
      tableHeader: true,
      children: [
        cell('TT', { rowSpan: 2 }),
        cell('Chỉ tiêu', { rowSpan: 2 }),
        cell('ĐVT', { rowSpan: 2 }),
        cell('Năm 2024', { columnSpan: 3 }),
        cell('So cùng kỳ (%)', { rowSpan: 2 }),
      ],
    }),
    new TableRow({ tableHeader: true, children: [cell('Kế hoạch'), cell('Thực hiện'), cell('Tỷ lệ % so KH')] }),
  ];
  const body = DOCX_ROWS.map((r, i) => new TableRow({ children: [cell(String(i + 1)), ...r.map((c) => cell(c))] }));
  return new Table({ rows: [...header, ...body], width: { size: 100, type: WidthType.PERCENTAGE } });
}

/** The Word report; `copies` above 1 repeats its body, for benchmarks. */
export async function makeDocx(copies = 1): Promise<Buffer> {
  const extra = Array.from({ length: copies - 1 }, () => [
    new Paragraph({ text: PROSE[1]! }),
    resultsTable(),
    new Paragraph({ text: PROSE[2]! }),
  ]).flat();
  const doc = new Document({
    title: 'Báo cáo kết quả công tác Lao động - Thương binh và Xã hội năm 2024',
    creator: 'Sở Lao động - Thương binh và Xã hội tỉnh Quảng Trị',
    footnotes: {
      1: { children: [new Paragraph('Theo Quyết định số 1234/QĐ-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh.')] },
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH QUẢNG TRỊ' }),
          new Paragraph({
            text: 'Báo cáo kết quả công tác Lao động - Thương binh và Xã hội năm 2024',
            heading: HeadingLevel.TITLE,
          }),
          new Paragraph({ text: 'I. Tình hình chung', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun(PROSE[0]!.replace('Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh Quảng Trị')),
              new TextRun(' Kế hoạch năm được giao theo quyết định của tỉnh'),
              new FootnoteReferenceRun(1),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ text: 'Các nhiệm vụ trọng tâm gồm:' }),
          new Paragraph({ text: 'Chăm lo người có công với cách mạng;', bullet: { level: 0 } }),
          new Paragraph({ text: 'Phát triển thị trường lao động;', bullet: { level: 0 } }),
          new Paragraph({ text: 'Bảo đảm an sinh xã hội.', bullet: { level: 0 } }),
          new Paragraph({ text: PROSE[1]! }),
          new Paragraph({ text: 'II. Kết quả thực hiện các chỉ tiêu', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Biểu kết quả thực hiện các chỉ tiêu năm 2024' }),
          resultsTable(),
          new Paragraph({ text: PROSE[2]! }),
          ...extra,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---- PDF ----

function fontPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
}

const PAGE: [number, number] = [595, 842];
const LEFT = 60;
const RIGHT = 535;

/** Lines of a paragraph that fit the text width, the first indented. */
function wrap(text: string, font: PDFFont, size: number, indent: number, width = RIGHT - LEFT): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    const room = width - (lines.length === 0 ? indent : 0);
    if (font.widthOfTextAtSize(next, size) > room && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The two-page PDF report; `tablePages` above 1 repeats the table page, for benchmarks. */
export async function makePdf(tablePages = 1): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(fontPath()), { subset: true });
  const pages: PDFPage[] = Array.from({ length: 1 + tablePages }, () => pdf.addPage(PAGE));
  pages.forEach((page, i) => {
    page.drawText('Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình - Báo cáo năm 2024', {
      x: LEFT,
      y: 810,
      size: 9,
      font,
    });
    page.drawText(`Trang ${i + 1}/${pages.length}`, { x: 280, y: 30, size: 9, font });
  });
  const page1 = pages[0]!;
  let y = 760;
  const text = (page: PDFPage, s: string, x: number, size = 11) => page.drawText(s, { x, y, size, font });
  text(page1, 'BÁO CÁO', 260, 13);
  y -= 18;
  text(page1, 'Kết quả công tác Lao động - Thương binh và Xã hội tỉnh Ninh Bình năm 2024', 95, 12);
  y -= 34;
  text(page1, 'I. TÌNH HÌNH CHUNG', LEFT, 11);
  y -= 20;
  for (const paragraph of PROSE) {
    const lines = wrap(paragraph.replace('Zalo và Facebook', 'Zalo và Face-\u0000book'), font, 11, 20);
    lines.forEach((raw, k) => {
      // `Face-` and `book` meet at a line end: the word is hyphenated there.
      const parts = raw.split('\u0000');
      if (parts.length === 2) {
        text(page1, parts[0]!, LEFT + (k === 0 ? 20 : 0));
        y -= 15;
        text(page1, parts[1]!, LEFT);
      } else text(page1, raw, LEFT + (k === 0 ? 20 : 0));
      y -= 15;
    });
    y -= 6;
  }
  for (const page2 of pages.slice(1)) {
    y = 760;
    text(page2, 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', LEFT, 11);
    y -= 22;
    const columns = [LEFT, 85, 290, 340, 410, 485];
    // A label too long for its column wraps inside its cell, as Word does.
    const row = (cells: string[], size = 9) => {
      cells.forEach((c, i) => {
        const width = (columns[i + 1] ?? RIGHT) - columns[i]! - 8;
        wrap(c, font, size, 0, width).forEach((part, k) =>
          page2.drawText(part, { x: columns[i]!, y: y - k * 11, size, font }),
        );
      });
      y -= 16 + 11 * (wrap(cells[1]!, font, size, 0, columns[2]! - columns[1]! - 8).length - 1);
    };
    row(['STT', 'Chỉ tiêu', 'ĐVT', 'Kế hoạch 2024', 'Thực hiện 2024', 'Tỷ lệ % so KH'], 8);
    PDF_ROWS.forEach((r, i) => row([String(i + 1), ...r]));
    y -= 14;
    for (const line of wrap(
      'Nhìn chung, các chỉ tiêu chủ yếu của ngành năm 2024 cơ bản đạt và vượt kế hoạch đề ra, góp phần bảo đảm an sinh xã hội trên địa bàn tỉnh.',
      font,
      11,
      20,
    )) {
      text(page2, line, LEFT);
      y -= 15;
    }
  }
  return pdf.save();
}

/** A scan: one page holding only a picture. */
async function makeScanPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(grayPng(64, 64));
  const page = pdf.addPage(PAGE);
  page.drawImage(image, { x: 50, y: 50, width: 495, height: 742 });
  return pdf.save();
}

function grayPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) raw[r * (width + 1) + 1 + c] = (r * 7 + c * 3) % 256;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- zip bomb ----

/** A valid zip whose `word/document.xml` unpacks to 200 MB of one repeated byte. */
function zipBomb(): Buffer {
  const name = Buffer.from('word/document.xml');
  const content = Buffer.alloc(200 * 1024 * 1024, 0x20);
  const data = deflateRawSync(content, { level: 9 });
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = local.length + name.length + data.length;
  const dirSize = central.length + name.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

// ---- TCVN3 ----

const TCVN3_TEXT = [
  'Sở Lao động - Thương binh và Xã hội tỉnh Thái Bình',
  'Báo cáo kết quả công tác giảm nghèo năm 2024',
  'Năm 2024, công tác giảm nghèo trên địa bàn tỉnh Thái Bình tiếp tục được các cấp, các ngành quan tâm chỉ đạo. Tỷ lệ hộ nghèo toàn tỉnh giảm còn 1,25%, vượt kế hoạch đề ra; toàn tỉnh đã hỗ trợ xây dựng mới và sửa chữa 412 căn nhà cho hộ nghèo, hộ cận nghèo.',
].join('\n\n');

/** Text as a .VnTime font writes it: each Vietnamese letter one byte; toned capitals take the lowercase code. */
export function tcvn3Bytes(text: string): Buffer {
  const table = JSON.parse(
    readFileSync(new URL('../src/ingest/convert/encodings/tcvn3.json', import.meta.url), 'utf8'),
  ) as { map: Record<string, string> };
  const reverse = new Map(Object.entries(table.map).map(([legacy, letter]) => [letter, legacy]));
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const legacy = reverse.get(ch) ?? reverse.get(ch.toLowerCase());
    if (legacy) out.push(legacy.charCodeAt(0));
    else if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else throw new Error(`no TCVN3 code for ${ch}`);
  }
  return Buffer.from(out);
}

// ---- text formats ----

const HTML_REPORT = `<!doctype html>
<html><head><title>Đồng Nai: kết quả công tác lao động 6 tháng đầu năm 2024</title></head>
<body><article>
<h1>Đồng Nai: kết quả công tác lao động 6 tháng đầu năm 2024</h1>
<p>Sáu tháng đầu năm 2024, Sở Lao động - Thương binh và Xã hội tỉnh Đồng Nai đã triển khai đồng bộ các giải pháp hỗ trợ thị trường lao động phục hồi sau giai đoạn khó khăn.</p>
<table>
<tr><th>Chỉ tiêu</th><th>ĐVT</th><th>Kế hoạch 2024</th><th>Ước thực hiện 6 tháng 2024</th><th>So cùng kỳ (%)</th></tr>
<tr><td>Giải quyết việc làm</td><td>người</td><td>80.000</td><td>41.250</td><td>103,8</td></tr>
<tr><td>Tuyển sinh đào tạo nghề</td><td>người</td><td>60.000</td><td>28.400</td><td>101,2</td></tr>
<tr><td>Cai nghiện ma túy</td><td>người</td><td>900</td><td>468</td><td>97,5</td></tr>
</table>
<p>Các phiên giao dịch việc làm được tổ chức định kỳ hằng tháng tại Trung tâm Dịch vụ việc làm tỉnh.</p>
</article></body></html>
`;

const MD_REPORT = `# Kon Tum: kết quả công tác người có công năm 2024

Năm 2024, Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum đã thực hiện đầy đủ, kịp thời chế độ ưu đãi đối với người có công với cách mạng.

| Chỉ tiêu | ĐVT | Kế hoạch 2024 | Thực hiện 2024 | Tỷ lệ % so KH |
|---|---|---|---|---|
| Hỗ trợ xây dựng nhà ở cho người có công | căn | 120 | 131 | 109,2 |
| Tặng quà người có công dịp Tết | suất quà | 9.000 | 9.214 | 102,4 |
`;

const TXT_REPORT = `Hà Tĩnh: kết quả công tác lao động, việc làm năm 2024

Năm 2024, toàn tỉnh Hà Tĩnh đã giải quyết việc làm cho 21.540 lao động, đạt 107,7% kế hoạch năm; đưa 6.120 người đi làm việc ở nước ngoài theo hợp đồng. Công tác đào tạo nghề được quan tâm, tỷ lệ lao động qua đào tạo đạt 70,5%.
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run make-report-fixtures -- DIR');
    process.exit(2);
  }
  const files = await makeReportFixtures(resolve(dir));
  console.log(Object.values(files).slice(1).join('\n'));
}
