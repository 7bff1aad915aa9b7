import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadManifest } from '../../src/ingest/manifest.js';
import { removeDir, tempDir } from '../helpers.js';

const dir = tempDir('ansinh-manifest-');
afterAll(() => removeDir(dir));

test('entries are kept for every report format and dropped, with a warning, for other files', () => {
  const path = join(dir, 'reports.json');
  const entry = { province: 'Hà Nam' };
  writeFileSync(path, JSON.stringify({ 'a.docx': entry, 'b.pdf': entry, 'c.txt': entry, 'd.xlsx': entry }));
  const { manifest, warnings } = loadManifest(path);
  expect(Object.keys(manifest)).toEqual(['a.docx', 'b.pdf', 'c.txt']);
  expect(warnings).toEqual([
    `${path}: "d.xlsx" is not a report file (.txt, .md, .html, .docx, .pdf); its entry is ignored`,
  ]);
});
