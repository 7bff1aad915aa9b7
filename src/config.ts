import { z } from 'zod';
import { redactSecret } from './redact.js';

/** Comma-separated list of integer ids (`123,-100456`), empty when unset. */
const idList = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw || raw.trim() === '') return [] as number[];
    const parts = raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    // Decimal digits only: `Number` would also take `1e3`, `0x10` or `1.0` for an id.
    const bad = parts.filter((part) => !/^-?\d{1,16}$/.test(part) || !Number.isSafeInteger(Number(part)));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected comma-separated integer ids; not an id: "${bad.join('", "')}"`,
      });
      return z.NEVER;
    }
    return parts.map(Number);
  });

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** Every setting, read from the environment once, validated here and nowhere else. */
export const ConfigSchema = z
  .object({
    TELEGRAM_BOT_TOKEN: z
      .string()
      .refine((token) => token.trim() !== '', 'is only whitespace')
      .transform((token) => token.trim())
      .optional(),
    TELEGRAM_API_ROOT: z.string().url().optional(),
    ALLOWED_CHAT_IDS: idList,
    ADMIN_USER_IDS: idList,
    WEBHOOK_URL: z.string().url().optional(),
    WEBHOOK_SECRET: z.string().min(1).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    /** Messages and button taps one user may send per minute; one polite notice past it. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    REPORTS_DIR: z.string().default('data/reports'),
    INDEX_DIR: z.string().default('data/index'),
    /** `lexical` never loads a model; `auto` tries and falls back to lexical with a warning. */
    SEARCH_MODE: z.enum(['auto', 'lexical']).default('auto'),
    MODEL_ID: z.string().default('Xenova/multilingual-e5-small'),
    /** Kept out of node_modules so that a reinstall does not throw a downloaded model away. */
    MODEL_DIR: z.string().default('data/models'),
    OFFLINE: flag,
  })
  .refine((c) => !c.WEBHOOK_URL || c.WEBHOOK_SECRET, {
    message: 'WEBHOOK_SECRET is required when WEBHOOK_URL is set',
    path: ['WEBHOOK_SECRET'],
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a `ConfigError` naming each bad setting (never its value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = ConfigSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'config'}: ${i.message}`);
    const message = `Invalid settings:\n${lines.join('\n')}\nSee .env.example for every setting.`;
    // A token pasted into the wrong setting must not be echoed back.
    throw new ConfigError(redactSecret(message, env.TELEGRAM_BOT_TOKEN));
  }
  return parsed.data;
}
