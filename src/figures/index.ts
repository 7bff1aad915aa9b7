/** Figures: numbers, units and plan ratios parsed from report text, and the indicator taxonomy. */
export { formatVietnameseNumber, parseFigures, parseVietnameseNumber } from './parse.js';
export { indicatorForFigure, indicatorTerms, matchIndicators, type IndicatorMatch } from './indicator.js';
export { parseReferences, type DocumentReference, type ReferenceKind } from './references.js';
export { ABBREVIATIONS, INDICATORS, getIndicator, type Indicator } from './taxonomy.js';
export { FIGURE_KINDS, QUALIFIERS, type Figure, type FigureKind, type Qualifier } from './types.js';
