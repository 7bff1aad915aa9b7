import type { Engine } from '../answer/types.js';
import type { UiLang } from './context.js';
import { escapeHtml } from './formatting.js';
import { texts } from './texts.js';

/** Example questions built from the reports actually held, so that they always find something. */
function examples(engine: Engine, lang: UiLang): string[] {
  const held = engine.sources().filter((s) => s.province && s.year);
  const first = held[0];
  const second = held.find((s) => s.province !== first?.province) ?? first;
  if (!first || !second) {
    return lang === 'en'
      ? ['What was the poverty rate in Hà Nam in 2023?', '/sosanh tỷ lệ hộ nghèo']
      : ['Tỷ lệ hộ nghèo Hà Nam năm 2023?', '/sosanh tỷ lệ hộ nghèo'];
  }
  return lang === 'en'
    ? [
        `What was the poverty rate in ${first.province} in ${first.year}?`,
        `How many workers found jobs in ${second.province} in ${second.year}?`,
        '/sosanh tỷ lệ hộ nghèo',
      ]
    : [
        `Tỷ lệ hộ nghèo ${first.province} năm ${first.year}?`,
        `${second.province} giải quyết việc làm cho bao nhiêu người năm ${second.year}?`,
        '/sosanh tỷ lệ hộ nghèo',
      ];
}

/** The /help message (HTML): what to ask, examples from the held reports, the commands. */
export function helpMessage(engine: Engine, lang: UiLang, botUsername: string): string {
  const t = texts(lang);
  const lines = [
    escapeHtml(t.helpIntro),
    ...examples(engine, lang).map((q) => `• <code>${escapeHtml(q)}</code>`),
    '',
    escapeHtml(t.helpCommands),
    '',
    escapeHtml(t.helpGroup(botUsername)),
  ];
  return lines.join('\n');
}
