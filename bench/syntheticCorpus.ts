/**
 * A large synthetic corpus for the search benchmark: the bundled reports run
 * through the real ingest pipeline, copied over and over with another province
 * named, another year, and other numbers, so the index sees realistic
 * Vietnamese passages at a scale the five reports cannot give.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanReport } from '../src/ingest/clean.js';
import { cutPassages } from '../src/ingest/ingestReports.js';
import { detectPeriod, periodLabel, periodSpan } from '../src/ingest/period.js';
import { allProvinces, detectProvince, findProvinceMentions } from '../src/ingest/provinces.js';
import type { DocumentInput, PassageInput } from '../src/store/corpusStore.js';

/** Seeded PRNG (mulberry32), so two runs build the same corpus and vectors. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

interface Template {
  file: string;
  text: string;
  province: string;
  /** Offsets of the report's own province in `text`, replaced in each copy. */
  mentions: { start: number; end: number }[];
  periodKey: string;
  periodKind: string | null;
  year: number;
}

export interface SyntheticDocument {
  doc: DocumentInput;
  passages: PassageInput[];
}

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** The bundled reports, cleaned, with the province and period the pipeline detects in them. */
export function loadTemplates(): Template[] {
  const dir = fileURLToPath(new URL('../data/reports/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = cleanReport(readFileSync(join(dir, file), 'utf8'), 'txt').text;
      const province = detectProvince(text).province;
      const period = detectPeriod(text);
      if (!province || !period.key || !period.year) throw new Error(`${file}: no province or period detected`);
      const mentions = findProvinceMentions(text)
        .filter((m) => m.province === province)
        .map(({ start, end }) => ({ start, end }));
      return { file, text, province, mentions, periodKey: period.key, periodKind: period.kind, year: period.year };
    });
}

/**
 * Replaces the template's province by `province`, shifts years by `yearShift`,
 * and redraws every other number of two digits or more (single digits are
 * mostly period words: `9 tháng`, `tháng 4`).
 */
function vary(template: Template, province: string, yearShift: number, rng: () => number): string {
  const parts: string[] = [];
  let at = 0;
  for (const m of template.mentions) {
    parts.push(template.text.slice(at, m.start), province);
    at = m.end;
  }
  parts.push(template.text.slice(at));
  return parts.join('').replace(/\d{2,}/g, (digits) => {
    const n = Number(digits);
    if (digits.length === 4 && n >= 2010 && n <= 2030) return String(n + yearShift);
    let out = digits[0] === '0' ? '0' : String(1 + Math.floor(rng() * 9));
    for (let i = 1; i < digits.length; i++) out += String(Math.floor(rng() * 10));
    return out;
  });
}

/**
 * Documents until `targetPassages` passages have been produced: one report
 * copy each (7–40 passages, as the real reports), a random province of the
 * gazetteer, a year between 2019 and 2025.
 */
export function* syntheticDocuments(targetPassages: number, seed = 1): Generator<SyntheticDocument> {
  const rng = createRng(seed);
  const templates = loadTemplates();
  const provinces = allProvinces().map((p) => p.name);
  let passages = 0;
  for (let i = 0; passages < targetPassages; i++) {
    const template = templates[i % templates.length]!;
    const province = pick(rng, provinces);
    const year = pick(rng, YEARS);
    const text = vary(template, province, year - template.year, rng);
    const periodKey = template.periodKey.replace(String(template.year), String(year));
    const label = periodLabel(periodKey);
    const inputs = cutPassages(text);
    passages += inputs.length;
    yield {
      doc: {
        file: `synthetic/${String(i).padStart(6, '0')}_${template.file}`,
        hash: `synthetic-${seed}-${i}`,
        title: `Báo cáo ngành Lao động – Thương binh và Xã hội ${province} ${label ?? year}`,
        province,
        year,
        periodLabel: label,
        periodKey,
        periodKind: template.periodKind,
        months: periodSpan(periodKey)?.months ?? null,
        sourceUrl: null,
        published: null,
        text,
        warnings: [],
      },
      passages: inputs,
    };
  }
}
