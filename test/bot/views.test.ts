import { describe, expect, test } from 'vitest';
import type { Answer, Citation } from '../../src/answer/schema.js';
import { inlineResults } from '../../src/bot/features/inline.js';
import { renderPassage } from '../../src/bot/passageView.js';

const citation: Citation = {
  n: 1,
  doc: '002_b7ed6daf0c81323d.txt',
  province: 'Hà Nam',
  period: 'năm 2023',
  title: 'Báo cáo kết quả công tác năm 2023',
  passage_id: '002_b7ed6daf0c81323d.txt#4',
  quote: 'tỷ lệ hộ nghèo còn 2,11%',
  passage_text: 'Đến cuối năm, tỷ lệ hộ nghèo còn 2,11% (<2,5% kế hoạch).',
  source_url: 'https://example.gov.vn/bao-cao?id=1&x=2',
};

describe('renderPassage', () => {
  test('shows title, province, period, the passage with the quote in bold, and the link', () => {
    expect(renderPassage(citation, null)).toMatchInlineSnapshot(`
      [
        "<b>[1] Báo cáo kết quả công tác năm 2023</b>
      Hà Nam · năm 2023

      Đến cuối năm, <b>tỷ lệ hộ nghèo còn 2,11%</b> (&lt;2,5% kế hoạch).

      <a href="https://example.gov.vn/bao-cao?id=1&amp;x=2">https://example.gov.vn/bao-cao?id=1&amp;x=2</a>",
      ]
    `);
  });

  test('a passage longer than a message is split without the bold mark', () => {
    const long = { ...citation, passage_text: `${'Câu dài về việc làm. '.repeat(300)}tỷ lệ hộ nghèo còn 2,11%` };
    const messages = renderPassage(long, null);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.join('')).not.toContain('<b>tỷ lệ');
  });
});

describe('inlineResults', () => {
  const answer = {
    question: 'Tỷ lệ hộ nghèo Hà Nam năm 2023?',
    lang: 'vi',
    kind: 'answer',
    verdict: null,
    answer_text: 'Tỷ lệ hộ nghèo Hà Nam năm 2023 còn 2,11% [1].',
    sources_text: 'Nguồn:\n[1] Hà Nam · năm 2023',
    citations: [citation],
    figures: [
      { text: '2,11%', value: 2.11, unit: '%', kind: 'percent', indicator: 'poverty_rate', citation: 1 },
      { text: '2,11%', value: 2.11, unit: '%', kind: 'percent', indicator: 'poverty_rate', citation: 1 },
    ],
    computed: [],
    confidence: { outcome: 'answer', score: 0.9 },
    retrieval: { mode: 'lexical', candidates: [] },
    timings_ms: {},
  } satisfies Answer;

  test('one article per distinct figure, its message carrying the citation', () => {
    const results = inlineResults(answer);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchInlineSnapshot(`
      {
        "description": "tỷ lệ hộ nghèo còn 2,11%",
        "id": "f0",
        "input_message_content": {
          "link_preview_options": {
            "is_disabled": true,
          },
          "message_text": "<b>2,11%</b>
      «tỷ lệ hộ nghèo còn 2,11%»
      [1] Hà Nam, năm 2023: Báo cáo kết quả công tác năm 2023
      <a href="https://example.gov.vn/bao-cao?id=1&amp;x=2">https://example.gov.vn/bao-cao?id=1&amp;x=2</a>",
          "parse_mode": "HTML",
        },
        "title": "2,11% · Hà Nam, năm 2023",
        "type": "article",
      }
    `);
  });

  test('an abstention offers nothing to send', () => {
    expect(inlineResults({ ...answer, kind: 'abstain', figures: [], citations: [] })).toEqual([]);
  });
});
