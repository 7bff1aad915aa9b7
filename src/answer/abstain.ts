import type { StoredDocument } from '../store/corpusStore.js';
import { CitationList } from './citations.js';
import type { Draft } from './draft.js';
import { TEXTS, type Lang } from './texts.js';

export type AbstainReason = 'no_province' | 'no_period' | 'no_topic' | 'off_topic';

/**
 * An honest "no data": no figure, no citation. The reports held are listed in
 * the sources part, so the body holds no number at all.
 */
export function abstain(
  reason: AbstainReason,
  lang: Lang,
  documents: StoredDocument[],
  /** The provinces the question names: the missing ones for `no_province`, the asked ones otherwise. */
  provinces: string[] = [],
): Draft {
  const t = TEXTS[lang];
  const names = provinces.join(', ');
  const line = {
    no_province: () => t.noProvince(names),
    no_period: () => t.noPeriodOf(names),
    no_topic: () => (names ? t.noTopicIn(names) : t.noTopic),
    off_topic: () => t.offTopic,
  }[reason]();
  const held = documents.map(
    (d) => `- ${[d.province ?? t.unknownProvince, d.periodLabel ?? t.unknownPeriod, d.title].join(' · ')}`,
  );
  return {
    kind: 'abstain',
    verdict: null,
    lines: [line],
    citations: new CitationList(lang),
    figures: [],
    computed: [],
    sourcesText: reason === 'off_topic' || held.length === 0 ? '' : `${t.available}:\n${held.join('\n')}`,
  };
}
