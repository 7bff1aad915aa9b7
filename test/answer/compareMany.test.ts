import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { lexicalEngine, removeDir, tempDir } from '../helpers.js';

/** A paragraph of other work (training in work safety), with figures that answer nothing asked here. */
function otherWork(province: string, i: number): string {
  return (
    `Trong đợt ${i}, tỉnh ${province} tổ chức ${i + 10} lớp tập huấn an toàn, vệ sinh lao động cho ${100 + i} ` +
    'người lao động tại các doanh nghiệp trên địa bàn, góp phần nâng cao nhận thức về phòng ngừa tai nạn.'
  );
}

function report(province: string, paragraphs: string[]): string {
  return [
    `Báo cáo kết quả công tác năm 2023 của Sở Lao động - Thương binh và Xã hội tỉnh ${province}`,
    ...paragraphs,
  ].join('\n\n');
}

/** Hà Nam's two reports hold 60 passages, past what a comparison ranks whole; Thái Nguyên's a few. */
const REPORTS: Record<string, string> = {
  'ha-nam-2023-a.txt': report('Hà Nam', [
    ...Array.from({ length: 29 }, (_, i) => otherWork('Hà Nam', i)),
    'Năm 2023, tỷ lệ hộ nghèo của tỉnh Hà Nam giảm còn 2,11%.',
  ]),
  'ha-nam-2023-b.txt': report(
    'Hà Nam',
    Array.from({ length: 30 }, (_, i) => otherWork('Hà Nam', 30 + i)),
  ),
  'thai-nguyen-2023.txt': report('Thái Nguyên', [
    'Năm 2023, tỷ lệ hộ nghèo của tỉnh Thái Nguyên giảm còn 3,02%.',
    otherWork('Thái Nguyên', 1),
  ]),
};

describe('a comparison where one province has many reports', () => {
  let dir: string;
  let engine: Engine;

  beforeAll(async () => {
    dir = tempDir();
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    for (const [file, text] of Object.entries(REPORTS)) writeFileSync(join(reports, file), text);
    engine = await lexicalEngine({ REPORTS_DIR: reports, INDEX_DIR: join(dir, 'index') });
  });
  afterAll(() => {
    engine.close();
    removeDir(dir);
  });

  test('finds each province its figure among its best-matching passages', async () => {
    expect(engine.sources().find((s) => s.file === 'ha-nam-2023-a.txt')!.passages).toBeGreaterThan(25);
    const answer = await engine.ask('Tỉnh nào có tỷ lệ hộ nghèo thấp hơn, Thái Nguyên hay Hà Nam?');
    expect(answer.kind).toBe('compare');
    const rows = answer.answer_text.split('\n').filter((l) => l.startsWith('•'));
    expect(rows).toEqual(['• Hà Nam (năm 2023): 2,11% [1]', '• Thái Nguyên (năm 2023): 3,02% [2]']);
  });
});
