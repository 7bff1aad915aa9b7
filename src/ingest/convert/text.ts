import { decodeReport } from '../read.js';
import type { Converter, ReportFormat } from './types.js';

/** Text reports (`.txt`, `.md`, `.html`): decoded as they are; the cleaner reads their markup. */
export function textConverter(format: ReportFormat & ('txt' | 'md' | 'html'), extensions: string[]): Converter {
  return {
    format,
    extensions,
    async convert(bytes, file, options) {
      const report = decodeReport(bytes, file, options.maxBytes ? { maxBytes: options.maxBytes } : {});
      return { text: report.text, markup: report.format, warnings: report.warnings };
    },
  };
}
