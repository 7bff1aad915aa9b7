/**
 * UTF-8 decoding that judges each invalid sequence, not the whole file: a report saved as UTF-8
 * with a stray byte or a cut-off last character stays UTF-8, and only a file that is mostly not
 * UTF-8 is left to a legacy single-byte decoder.
 */

export interface Utf8Reading {
  text: string;
  /** Bytes that were not part of a valid UTF-8 sequence, each replaced in `text`. */
  invalidBytes: number;
  /** Invalid sequences (one replacement character each). */
  invalidSequences: number;
  /** Valid sequences of two to four bytes: the non-ASCII text that did decode. */
  validMultibyte: number;
  /** More invalid sequences than valid non-ASCII characters: the file is in another encoding. */
  mostlyInvalid: boolean;
}

const REPLACEMENT = '\uFFFD';
/** A lone 0xA0 is a no-break space typed in a single-byte editor, the most common stray byte. */
const LONE_NBSP = 0xa0;

/** Length of the valid sequence starting at `i`, or, when invalid, minus the length of its maximal subpart. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f;
  } else return -1;
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k];
    // Only the second byte has a narrowed range; the rest are plain continuation bytes.
    const [lo, hi] = k === 1 ? [low, high] : [0x80, 0xbf];
    if (b === undefined || b < lo || b > hi) return -k;
  }
  return length;
}

/** Decodes UTF-8, replacing each invalid sequence (WHATWG's maximal subparts) and counting them. */
export function readUtf8(bytes: Uint8Array): Utf8Reading {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  const pieces: string[] = [];
  let validFrom = 0;
  let invalidBytes = 0;
  let invalidSequences = 0;
  let validMultibyte = 0;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const n = sequenceAt(bytes, i);
    if (n > 0) {
      validMultibyte++;
      i += n;
      continue;
    }
    const bad = -n;
    if (i > validFrom) pieces.push(decoder.decode(bytes.subarray(validFrom, i), { stream: true }));
    pieces.push(bad === 1 && bytes[i] === LONE_NBSP ? '\u00A0' : REPLACEMENT);
    invalidBytes += bad;
    invalidSequences++;
    i += bad;
    validFrom = i;
  }
  if (invalidSequences === 0) {
    return { text: decoder.decode(bytes), invalidBytes, invalidSequences, validMultibyte, mostlyInvalid: false };
  }
  pieces.push(decoder.decode(bytes.subarray(validFrom)));
  return {
    text: pieces.join(''),
    invalidBytes,
    invalidSequences,
    validMultibyte,
    mostlyInvalid: invalidSequences > validMultibyte,
  };
}
