import type { Answer } from '../answer/schema.js';

/** The reply as a person reads it in a terminal: the body, then the sources. */
export function formatForTerminal(answer: Answer): string {
  const parts = [answer.answer_text];
  if (answer.sources_text) parts.push(answer.sources_text);
  return `${parts.join('\n\n')}\n`;
}
