import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Vietnamese typed in the pre-Unicode font encodings, TCVN3 (ABC) and VNI.
 *
 * Such text reaches us as Latin-1 letters ("Së Lao ®éng", "Sôû Lao ñoäng"),
 * whatever the file format: a Word run in a .VnTime font, a PDF drawn with
 * one, a text file saved from either. The mapping tables are data
 * (`encodings/*.json`); this module only detects and applies them.
 */

export const LEGACY_ENCODINGS = ['tcvn3', 'vni'] as const;
export type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number];

const TableSchema = z.object({ name: z.string(), note: z.string(), map: z.record(z.string(), z.string()) });

interface Table {
  name: string;
  /** Legacy sequences, longest first, with their Unicode letters. */
  entries: [string, string][];
  pattern: RegExp;
  /** The sequences of two characters alone, global. */
  pairs: RegExp;
  map: Map<string, string>;
}

/** Latin-1 letters and signs that Unicode Vietnamese never writes but both legacy encodings do. */
const FOREIGN_G =
  /[\u00A1-\u00BF\u00C4-\u00C7\u00CB\u00CE-\u00D1\u00D6-\u00D8\u00DB\u00DC\u00DE-\u00DF\u00E4-\u00E7\u00EB\u00EE-\u00F1\u00F6-\u00F8\u00FB\u00FC\u00FE]/g;
/** Letters only Unicode Vietnamese has: a text rich in them is not legacy-encoded. */
const VIETNAMESE_G = /[\u1EA0-\u1EF9ăđơưĂĐƠƯ]/g;
const LETTERS_G = /\p{L}/gu;
/** Least count and share of foreign signs among the letters for a text to be taken as legacy. */
const MIN_FOREIGN = 4;
const MIN_FOREIGN_SHARE = 0.02;
/** Share of the foreign signs that stand in VNI's vowel-and-mark pairs for a text to be VNI. */
const VNI_PAIR_SHARE = 0.4;

export interface LegacyDecoding {
  text: string;
  /** The encoding found and converted, or null when the text is Unicode already. */
  encoding: LegacyEncoding | null;
}

/** Converts text typed in TCVN3 or VNI to Unicode; other text is returned unchanged. */
export interface LegacyDecoder {
  decode(text: string): LegacyDecoding;
  /** The encoding's name for warnings: `TCVN3 (ABC)`, `VNI`. */
  nameOf(encoding: LegacyEncoding): string;
}

/** Whether text looks typed in a legacy encoding: many Latin-1 signs, few Unicode Vietnamese letters. */
export function looksLegacy(text: string): boolean {
  const foreign = count(text, FOREIGN_G);
  if (foreign < MIN_FOREIGN) return false;
  return foreign >= count(text, LETTERS_G) * MIN_FOREIGN_SHARE && count(text, VIETNAMESE_G) <= foreign / 5;
}

export function createLegacyDecoder(): LegacyDecoder {
  const tables = new Map<LegacyEncoding, Table>(LEGACY_ENCODINGS.map((e) => [e, loadTable(e)]));
  return {
    decode(text: string): LegacyDecoding {
      if (!looksLegacy(text)) return { text, encoding: null };
      const foreign = count(text, FOREIGN_G);
      // VNI writes a tone or a hat as a sign after its vowel (`oä`); TCVN3 writes each toned vowel as one sign.
      const vni = tables.get('vni')!;
      const pairs = (text.match(vni.pairs) ?? []).length;
      const encoding: LegacyEncoding = pairs >= foreign * VNI_PAIR_SHARE ? 'vni' : 'tcvn3';
      const table = tables.get(encoding)!;
      const converted = capitalize(text.replace(table.pattern, (s) => table.map.get(s) ?? s));
      const best: LegacyDecoding =
        count(converted, FOREIGN_G) < foreign ? { text: converted, encoding } : { text, encoding: null };
      return best;
    },
    nameOf(encoding: LegacyEncoding): string {
      return tables.get(encoding)!.name;
    },
  };
}

function loadTable(encoding: LegacyEncoding): Table {
  const url = new URL(`./encodings/${encoding}.json`, import.meta.url);
  const parsed = TableSchema.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) throw new Error(`encodings/${encoding}.json: not a mapping table (${parsed.error.message})`);
  const entries = Object.entries(parsed.data.map).sort((a, b) => b[0].length - a[0].length);
  const pattern = new RegExp(entries.map(([k]) => escape(k)).join('|'), 'g');
  const pairs = new RegExp(
    entries
      .filter(([k]) => k.length === 2)
      .map(([k]) => escape(k))
      .join('|') || '(?!)',
    'g',
  );
  return { name: parsed.data.name, entries, pattern, pairs, map: new Map(entries) };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function count(text: string, pattern: RegExp): number {
  return text.length - text.replace(pattern, '').length;
}

const WORD_G = /\p{L}{2,}/gu;

/**
 * Capitals with tones were typed with the lowercase codes in the capitals fonts
 * (`.VnTimeH`): `B¸O C¸O` reads `BáO CáO`. A word whose other letters are all
 * capitals is a capitals word.
 */
function capitalize(text: string): string {
  return text.replace(WORD_G, (word) => {
    let upper = 0;
    for (const ch of word) if (ch !== ch.toLowerCase()) upper++;
    return upper >= word.length - 2 && upper >= 2 && upper < word.length ? word.toUpperCase() : word;
  });
}
