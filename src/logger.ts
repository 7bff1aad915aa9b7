import pino from 'pino';

export type Logger = pino.Logger;

/** Paths that may hold secrets or user text; pino replaces them before anything is written. */
const REDACT = ['token', '*.token', 'config.TELEGRAM_BOT_TOKEN', 'WEBHOOK_SECRET', '*.WEBHOOK_SECRET'];

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};

/**
 * Logs go to stderr so that stdout stays for answers and JSON. The bot logs
 * JSON lines for a log collector; the command line (`human`) writes
 * `warning: …` lines a person reads, in order with the output.
 */
export function createLogger(level = 'info', format: 'json' | 'human' = 'json'): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[secret]' } };
  if (format === 'json') return pino(options, pino.destination({ fd: 2, sync: true }));
  return pino(options, {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg?: string; file?: string };
      const where = entry.file ? `${entry.file}: ` : '';
      process.stderr.write(`${LEVEL_NAMES[entry.level] ?? 'log'}: ${where}${scrubSecrets(entry.msg ?? '')}\n`);
    },
  });
}

/** Strips a bot token from any text (URLs of the Bot API carry it). */
export function scrubSecrets(text: string): string {
  return text.replace(/\d{5,}:[A-Za-z0-9_-]{20,}/g, '[token]');
}
