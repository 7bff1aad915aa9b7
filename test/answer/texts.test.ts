import { describe, expect, test } from 'vitest';
import { TEXTS } from '../../src/answer/texts.js';

/** A fixed phrase with a digit would put in a reply a number no report holds. */
describe('fixed phrases', () => {
  const phrases = (Object.keys(TEXTS) as (keyof typeof TEXTS)[]).flatMap((lang) =>
    Object.entries(TEXTS[lang]).flatMap(([key, value]) => {
      if (typeof value === 'string') return [[`${lang}.${key}`, value] as const];
      if (typeof value === 'function')
        return [[`${lang}.${key}`, (value as (...a: string[]) => string)('X', 'Y')] as const];
      return Object.entries(value).map(([k, v]) => [`${lang}.${key}.${k}`, String(v)] as const);
    }),
  );

  test.each(phrases)('%s holds no digit', (_key, text) => {
    expect(text).not.toMatch(/\d/);
  });

  test('both languages have the same phrases', () => {
    expect(Object.keys(TEXTS.en).sort()).toEqual(Object.keys(TEXTS.vi).sort());
  });
});
