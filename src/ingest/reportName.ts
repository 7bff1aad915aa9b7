import { extname } from 'node:path';
import { removeFormatCharacters } from '../text/normalize.js';

/** Longest name kept, extension included; file systems allow 255 bytes and Vietnamese letters take 2–3. */
const MAX_NAME_CHARS = 100;
const CONTROL_G = /[\u0000-\u001F\u007F-\u009F]/g;
const UNSAFE_G = /[^\p{L}\p{N}._ ()-]+/gu;

export type ReportName = { ok: true; name: string } | { ok: false; reason: string };

/**
 * A sent file's name as it may be saved in the reports folder: the last part of any path (`/` or
 * `\`), no format or control characters, no leading dots (ingest never reads hidden files), other
 * unsafe characters as `_`. A name with nothing readable before its extension is refused.
 */
export function safeReportName(sent: string, extensions: readonly string[]): ReportName {
  const visible = removeFormatCharacters(sent.normalize('NFC')).replace(CONTROL_G, '');
  const last = visible.split(/[/\\]/).pop() ?? '';
  const ext = extname(last).toLowerCase();
  if (!extensions.includes(ext)) {
    return { ok: false, reason: `"${visible}" is not a ${extensions.join(', ')} file` };
  }
  const stem = last
    .slice(0, -ext.length)
    .replace(UNSAFE_G, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s_-]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, MAX_NAME_CHARS - ext.length);
  if (!/[\p{L}\p{N}]/u.test(stem)) {
    return { ok: false, reason: `"${visible}" has no letters or digits before its extension` };
  }
  return { ok: true, name: `${stem}${ext}` };
}
