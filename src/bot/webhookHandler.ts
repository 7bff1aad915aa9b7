import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { safeError } from './errorBoundary.js';

/** Telegram's updates are a few kilobytes; a body past this is not one. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
/** How long an update id is remembered: Telegram re-sends an update it got no answer for. */
export const SEEN_UPDATE_MS = 10 * 60_000;
/** Update ids remembered at most, oldest forgotten first. */
const SEEN_UPDATES_KEPT = 10_000;
/** Telegram waits about a minute; answering sooner keeps it from re-sending a slow update. */
const ANSWER_WITHIN_MS = 10_000;

export interface WebhookOptions {
  bot: Bot<BotContext>;
  secret: string;
  logger: Logger;
  maxBodyBytes?: number;
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function end(res: ServerResponse, status: number): void {
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
  res.end(status === 200 ? '{}' : '');
}

/** Reads the body, refusing it (413) as soon as it passes `limit`; `null` when refused. */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      res.setHeader('connection', 'close');
      end(res, 413);
      req.destroy();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        res.setHeader('connection', 'close');
        end(res, 413);
        req.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

function isUpdate(value: unknown): value is Update {
  return (
    typeof value === 'object' && value !== null && Number.isSafeInteger((value as { update_id?: unknown }).update_id)
  );
}

/**
 * The webhook endpoint: checks the secret, caps the body, answers malformed JSON with 400, and
 * handles each `update_id` once however often Telegram re-sends it. Every request gets an answer.
 */
export function createWebhookHandler({
  bot,
  secret,
  logger,
  maxBodyBytes = MAX_WEBHOOK_BODY_BYTES,
}: WebhookOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const seen = new Map<number, number>();
  const firstTime = (id: number): boolean => {
    const now = Date.now();
    for (const [old, at] of seen) {
      if (now - at < SEEN_UPDATE_MS && seen.size <= SEEN_UPDATES_KEPT) break;
      seen.delete(old);
    }
    if (seen.has(id)) return false;
    seen.set(id, now);
    return true;
  };

  return async (req, res) => {
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], secret)) {
      req.resume();
      end(res, 401);
      return;
    }
    const body = await readBody(req, res, maxBodyBytes);
    if (!body) return;
    let update: unknown;
    try {
      update = JSON.parse(body.toString('utf8'));
    } catch {
      logger.warn({ bytes: body.length }, 'webhook body is not JSON');
      end(res, 400);
      return;
    }
    if (!isUpdate(update)) {
      logger.warn('webhook body is not an update');
      end(res, 400);
      return;
    }
    if (!firstTime(update.update_id)) {
      logger.info({ update_id: update.update_id }, 'update sent again: already handled');
      end(res, 200);
      return;
    }
    const handled = bot
      .handleUpdate(update)
      .catch((err: unknown) => logger.error({ err: safeError(err), update_id: update.update_id }, 'update failed'));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([handled, new Promise((resolve) => (timer = setTimeout(resolve, ANSWER_WITHIN_MS)))]);
    clearTimeout(timer);
    end(res, 200);
  };
}
