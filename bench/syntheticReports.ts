/**
 * Report files for the ingest benchmark and the ingest output check: the
 * bundled reports copied as `count` files, each with another province named,
 * another year and other numbers, and a file name of its own. Seeded, so the
 * same count writes the same files.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectPeriod } from '../src/ingest/period.js';
import { allProvinces, detectProvince, findProvinceMentions } from '../src/ingest/provinces.js';
import { fold } from '../src/text/normalize.js';
import { createRng, pick } from './syntheticCorpus.js';

const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** Raw report texts with the province each names, to copy with another one. */
function templates(): { name: string; text: string; province: string; year: number }[] {
  const dir = fileURLToPath(new URL('../data/reports/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const province = detectProvince(text).province;
      const year = detectPeriod(text).year;
      if (!province || !year) throw new Error(`${name}: no province or year detected`);
      return { name, text, province, year };
    });
}

/** `count` report files in `dir`: each a bundled report with another province, year and numbers. */
export function writeReports(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const rng = createRng(11);
  const base = templates();
  const provinces = allProvinces().map((p) => p.name);
  for (let i = 0; i < count; i++) {
    const t = base[i % base.length]!;
    const province = pick(rng, provinces);
    const shift = pick(rng, YEARS) - t.year;
    const mentions = findProvinceMentions(t.text).filter((m) => m.province === t.province);
    let text = '';
    let at = 0;
    for (const m of mentions) {
      if (m.start < at) continue;
      text += t.text.slice(at, m.start) + province;
      at = m.end;
    }
    text = (text + t.text.slice(at)).replace(/\d{2,}/g, (digits) => {
      const n = Number(digits);
      if (digits.length === 4 && n >= 2010 && n <= 2030) return String(n + shift);
      let out = digits[0] === '0' ? '0' : String(1 + Math.floor(rng() * 9));
      for (let k = 1; k < digits.length; k++) out += String(Math.floor(rng() * 10));
      return out;
    });
    const slug = fold(province).replace(/[^a-z0-9]+/g, '-');
    writeFileSync(join(dir, `${String(i).padStart(5, '0')}_${slug}_${t.year + shift}.txt`), text);
  }
}
