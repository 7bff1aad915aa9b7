import { describe, expect, test } from 'vitest';
import { createLegacyDecoder } from '../../../src/ingest/convert/legacyEncoding.js';

const decoder = createLegacyDecoder();

describe('legacy Vietnamese encodings', () => {
  test.each([
    [
      'TCVN3',
      'Së Lao ®éng - Th­¬ng binh vµ X· héi tØnh Hµ Nam',
      'Sở Lao động - Thương binh và Xã hội tỉnh Hà Nam',
      'tcvn3',
    ],
    ['TCVN3 capitals typed with lowercase codes', 'B¸O C¸O KÕT QU¶ n¨m 2024', 'BÁO CÁO KẾT QUẢ năm 2024', 'tcvn3'],
    ['TCVN3 figures', 'Tû lÖ hé nghÌo gi¶m cßn 2,11%', 'Tỷ lệ hộ nghèo giảm còn 2,11%', 'tcvn3'],
    [
      'VNI',
      'Sôû Lao ñoäng - Thöông binh vaø Xaõ hoäi tænh Haø Nam',
      'Sở Lao động - Thương binh và Xã hội tỉnh Hà Nam',
      'vni',
    ],
    [
      'VNI',
      'Tieáng Vieät raát hay, xin chaøo caùc baïn; baùo caùo keát quaû thöïc hieän',
      'Tiếng Việt rất hay, xin chào các bạn; báo cáo kết quả thực hiện',
      'vni',
    ],
  ])('%s: %s', (_name, legacy, unicode, encoding) => {
    expect(decoder.decode(legacy)).toEqual({ text: unicode, encoding });
  });

  test.each([
    ['Unicode Vietnamese with French quotes', 'Sở Lao động «Thương binh» và Xã hội, 2,5% · 12°C'],
    ['English with accents', 'Hello world, a café for a naïve résumé'],
    ['plain ASCII', 'Ha Nam 2024: 5.915 ho ngheo'],
  ])('%s is left alone', (_name, text) => {
    expect(decoder.decode(text)).toEqual({ text, encoding: null });
  });
});
