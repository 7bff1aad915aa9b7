import pino from 'pino';
import { createRedactor, REDACTED } from './redact.js';

export type Logger = pino.Logger;

/** Paths that may hold secrets or user text; pino replaces them before anything is written. */
const REDACT = ['token', '*.token', 'config.TELEGRAM_BOT_TOKEN', 'WEBHOOK_SECRET', '*.WEBHOOK_SECRET'];

export interface LoggerOptions {
  /** Values removed from every line wherever they appear (the configured bot token). */
  secrets?: readonly (string | undefined)[];
  /** Where lines go; stderr by default. */
  write?: (line: string) => void;
}

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
export function createLogger(level = 'info', format: 'json' | 'human' = 'json', options: LoggerOptions = {}): Logger {
  const redact = createRedactor(options.secrets ?? []);
  const pinoOptions: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT, censor: REDACTED },
    // Every line, whatever field holds the secret (an error's cause, a URL), is scrubbed last.
    hooks: { streamWrite: redact },
  };
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  if (format === 'json') {
    return options.write ? pino(pinoOptions, { write }) : pino(pinoOptions, pino.destination({ fd: 2, sync: true }));
  }
  return pino(pinoOptions, {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg?: string; file?: string };
      const where = entry.file ? `${entry.file}: ` : '';
      write(`${LEVEL_NAMES[entry.level] ?? 'log'}: ${where}${scrubSecrets(entry.msg ?? '')}\n`);
    },
  });
}

/** Strips a bot token from any text (URLs of the Bot API carry it). */
export function scrubSecrets(text: string): string {
  return text.replace(/\d{5,}:[A-Za-z0-9_-]{20,}/g, '[token]');
}
