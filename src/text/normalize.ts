/**
 * Vietnamese text normalisation.
 *
 * Reports mix composed and decomposed Unicode and two tone-placement styles
 * (`hoà` / `hòa`, `Uỷ` / `Ủy`, `thuỷ` / `thủy`). Everything that compares words
 * goes through `canonical()` (one tone placement, NFC, lower case) or `fold()`
 * (no diacritics at all, `đ` → `d`), so both styles and accent-free typing meet.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS_G = /[\u0300-\u036f]/g;
/** Vowels carrying a hat, horn or breve take the tone before any plain vowel. */
const MARKED_VOWEL = /^(?:a\u0302|a\u0306|e\u0302|o\u0302|o\u031b|u\u031b)$/i;
const PLAIN_VOWELS = 'aeiouy';
/** Two-vowel clusters whose tone sits on the second vowel in the modern style. */
const SECOND_VOWEL_TONE = new Set(['oa', 'oe', 'uy']);
/** Spelling variants that are the same word (`sỹ` / `sĩ`). */
const SPELLING_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['sỹ', 'sĩ'],
  ['kỹ', 'kĩ'],
]);

/**
 * Unicode format characters (category Cf: zero-width space and joiners, word joiner, soft hyphen,
 * byte order mark, direction marks) are invisible, yet split a word for every comparison:
 * `Hà\u2060 Nam` must read as `Hà Nam`. Removed from questions and report text before anything else.
 */
const FORMAT_CHARACTERS_G = /\p{Cf}/gu;

export function removeFormatCharacters(text: string): string {
  return text.replace(FORMAT_CHARACTERS_G, '');
}

/**
 * Format characters removed, NFC plus one tone placement, keeping case. Offsets of text without
 * format characters are kept (same length in NFC).
 */
export function normalizeText(text: string): string {
  return removeFormatCharacters(text)
    .normalize('NFC')
    .replace(/[\p{L}\p{M}]+/gu, (word) => placeTone(word));
}

/** Lower-case canonical form for accent-aware comparison. */
export function canonical(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/[\p{L}]+/gu, (w) => SPELLING_VARIANTS.get(w) ?? w);
}

/**
 * `canonical()` word by word, remembering each word's canonical form (up to
 * `maxWords` words, then it starts afresh). A corpus repeats a few thousand
 * syllables, and placing tones is most of what `canonical()` costs on a
 * passage. For a long-lived owner that canonicalises much text: the lexical
 * index at ingest.
 */
export function createCanonical(maxWords = 50_000): (text: string) => string {
  const known = new Map<string, string>();
  const ofWord = (word: string): string => {
    let result = known.get(word);
    if (result === undefined) {
      if (known.size >= maxWords) known.clear();
      result = canonical(word);
      known.set(word, result);
    }
    return result;
  };
  return (text) => {
    const normal = removeFormatCharacters(text).normalize('NFC');
    // `Σ` lower-cases by the letters after it: such a text is read whole.
    if (normal.includes('Σ')) return canonical(text);
    let out = '';
    for (let i = 0; i < normal.length;) {
      const kind = unitKind(normal.charCodeAt(i));
      // A surrogate pair is a letter only as a pair: the text is read whole.
      if (kind === SURROGATE) return canonical(text);
      let end = i + 1;
      while (end < normal.length && unitKind(normal.charCodeAt(end)) === kind) end++;
      const piece = normal.slice(i, end);
      out += kind === WORD ? ofWord(piece) : piece.toLowerCase();
      i = end;
    }
    return out;
  };
}

/** Whether each UTF-16 unit is a letter or mark (`WORD`), something else, or half a surrogate pair; 0 until met. */
const UNIT_KINDS = new Uint8Array(0x10000);
const WORD = 1;
const OTHER = 2;
const SURROGATE = 3;
const WORD_UNIT = /[\p{L}\p{M}]/u;

function unitKind(unit: number): number {
  let kind = UNIT_KINDS[unit]!;
  if (kind === 0) {
    if (unit >= 0xd800 && unit <= 0xdfff) kind = SURROGATE;
    else kind = WORD_UNIT.test(String.fromCharCode(unit)) ? WORD : OTHER;
    UNIT_KINDS[unit] = kind;
  }
  return kind;
}

/** Accent-free lower-case form: every diacritic removed and `đ` folded to `d`. */
export function fold(text: string): string {
  return foldSpelling(foldUnits(text) ?? stripMarks(text));
}

/** `fold()` before the `i`/`y` spelling, the whole text at once. */
function stripMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(ALL_MARKS_G, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .toLowerCase();
}

/**
 * What `stripMarks` makes of each UTF-16 unit, filled as units are first met:
 * 0 not known yet, 1 not foldable alone, 2 dropped (a mark), else the unit + 3.
 * A pure function of the unit, so sharing it is safe.
 */
const UNIT_FOLDS = new Int32Array(0x10000);
const NOT_ALONE = 1;
const DROPPED = 2;
/** `ignoreBOM`: a leading U+FEFF is text here, not a byte order mark to drop. */
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
const MARK = /\p{M}/u;
/** Folded units of the text in hand; reused, as a fresh array per call costs more than short texts' folding. */
let scratch = new Uint16Array(1024);

/**
 * `stripMarks` unit by unit through `UNIT_FOLDS`, several times faster than
 * normalising the whole text; null when a unit cannot be folded on its own.
 * Folding is per character for letters that decompose into one base and marks
 * of U+0300–U+036F (every Vietnamese letter): those marks are removed whatever
 * their order, and lower case is per character but for `Σ` (final `ς`), which
 * is left to the whole-text path with surrogates and other marks.
 */
function foldUnits(text: string): string | null {
  const n = text.length;
  if (n > scratch.length) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  const out = scratch;
  let length = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    let f = UNIT_FOLDS[unit]!;
    if (f === 0) f = UNIT_FOLDS[unit] = unitFold(unit);
    if (f === NOT_ALONE) return null;
    if (f !== DROPPED) out[length++] = f - 3;
  }
  return UTF16.decode(out.subarray(0, length));
}

function unitFold(unit: number): number {
  if ((unit >= 0xd800 && unit <= 0xdfff) || unit === 0x3a3) return NOT_ALONE;
  const ch = String.fromCharCode(unit);
  const rest = ch.normalize('NFD').replace(ALL_MARKS_G, '');
  // Another mark left over could be reordered against a neighbour's by normalisation of the whole text.
  if (MARK.test(rest)) return NOT_ALONE;
  const folded = stripMarks(ch);
  if (folded.length === 0) return DROPPED;
  return folded.length === 1 ? folded.charCodeAt(0) + 3 : NOT_ALONE;
}

/**
 * `tỷ`/`tỉ`, `sỹ`/`sĩ`, `kỹ`/`kĩ`, `lý`/`lí`: a syllable of one consonant and
 * `y` is spelled with `i` too. Folded text spells them all with `i`. The
 * replacement keeps the length, so folded offsets stay the original ones.
 */
const I_Y_SYLLABLE = /\b(ch|gh|kh|ng|nh|ph|th|tr|[bcdghklmnprstvx])y\b/g;

/** The `i`/`y` spelling of already folded text, as `fold()` applies it. */
export function foldSpelling(folded: string): string {
  // Most short texts have no `y` at all, and the look for one is quicker than the regex.
  return folded.includes('y') ? folded.replace(I_Y_SYLLABLE, '$1i') : folded;
}

/** True when the text carries Vietnamese diacritics (typed with accents). */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036fđĐ]/.test(text.normalize('NFD'));
}

/**
 * Moves a syllable's tone mark to the vowel the modern rule puts it on.
 * Works on the decomposed form so that `ủ` and `u` + hook compare alike.
 */
function placeTone(word: string): string {
  const decomposed = word.normalize('NFD');
  const toneMatch = decomposed.match(TONE_MARKS);
  if (!toneMatch) return word;
  // Split into letters, each a base letter with its non-tone marks.
  const letters: string[] = [];
  for (const ch of decomposed.replace(TONE_MARKS_G, '')) {
    if (/\p{M}/u.test(ch) && letters.length > 0) letters[letters.length - 1] += ch;
    else letters.push(ch);
  }
  const target = toneIndex(letters);
  if (target < 0) return word;
  letters[target] += toneMatch[0];
  return letters.join('').normalize('NFC');
}

function toneIndex(letters: string[]): number {
  const base = letters.map((l) => l[0]!.toLowerCase());
  let start = 0;
  // `qu` and `gi` are consonants when another vowel follows.
  if (base[0] === 'q' && base[1] === 'u') start = 2;
  else if (base[0] === 'g' && base[1] === 'i' && base.length > 2 && PLAIN_VOWELS.includes(base[2]!)) start = 2;
  let first = -1;
  let last = -1;
  for (let i = start; i < base.length; i++) {
    if (PLAIN_VOWELS.includes(base[i]!)) {
      if (first < 0) first = i;
      else if (last !== i - 1) break;
      last = i;
    } else if (first >= 0) break;
  }
  if (first < 0) return -1;
  for (let i = last; i >= first; i--) if (MARKED_VOWEL.test(letters[i]!.normalize('NFD'))) return i;
  const length = last - first + 1;
  const hasFinal = last < base.length - 1;
  if (length === 1) return first;
  if (hasFinal) return last;
  if (length === 2) {
    const pair = base[first]! + base[last]!;
    return SECOND_VOWEL_TONE.has(pair) ? last : first;
  }
  return first + 1;
}
