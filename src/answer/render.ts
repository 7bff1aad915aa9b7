import { getIndicator } from '../figures/taxonomy.js';
import type { Figure } from '../figures/types.js';
import { fold } from '../text/normalize.js';
import type { AnswerFigure } from './schema.js';
import { TEXTS, type Lang } from './texts.js';

/**
 * A figure as the reply shows it: verbatim text, its qualifier when the
 * verbatim text leaves it out, and the percent of plan the report attaches.
 */
export function renderFigure(figure: Figure, lang: Lang): string {
  let text = figure.text;
  const q = figure.qualifier;
  if (q && q !== 'đạt' && !fold(text).startsWith(fold(q))) text = `${q} ${text}`;
  if (figure.percentOfPlanText && !text.includes(figure.percentOfPlanText)) {
    const t = TEXTS[lang];
    text +=
      lang === 'vi'
        ? `, ${t.planPercent} ${figure.percentOfPlanText} ${t.ofPlan}`
        : ` (${figure.percentOfPlanText} ${t.ofPlan})`;
  }
  return text;
}

export function indicatorLabel(id: string | null, lang: Lang): string | null {
  if (!id) return null;
  const indicator = getIndicator(id);
  if (!indicator) return null;
  return lang === 'en' ? indicator.label_en : indicator.label_vi;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function toAnswerFigure(figure: Figure, citation: number): AnswerFigure {
  return {
    text: figure.text,
    value: figure.value,
    unit: figure.unit,
    kind: figure.kind,
    indicator: figure.indicator,
    citation,
  };
}

/** Vietnamese number format for computed figures: `1.234,5`. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  const [int, frac] = Math.abs(rounded).toString().split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '−' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}
