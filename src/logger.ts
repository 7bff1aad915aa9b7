import pino from 'pino';

export type Logger = pino.Logger;

/** Paths that may hold secrets or user text; pino replaces them before anything is written. */
const REDACT = ['token', '*.token', 'config.TELEGRAM_BOT_TOKEN', 'WEBHOOK_SECRET', '*.WEBHOOK_SECRET'];

/** Logs go to stderr so that stdout stays for answers and JSON. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[secret]' } }, pino.destination(2));
}

/** Strips a bot token from any text (URLs of the Bot API carry it). */
export function scrubSecrets(text: string): string {
  return text.replace(/\d{5,}:[A-Za-z0-9_-]{20,}/g, '[token]');
}
