import type { Transformer } from 'grammy';
import type { Logger } from '../logger.js';
import { safeError } from './errorBoundary.js';

/**
 * Logs what the auto-retry transformer (installed after this one) is about to retry: Telegram's
 * "slow down" (429), its server errors, and network failures — with the method, never the URL.
 */
export function createApiLog(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok && (res.error_code === 429 || res.error_code >= 500)) {
        logger.warn(
          { method, error_code: res.error_code, retry_after: res.parameters?.retry_after },
          res.error_code === 429 ? 'Telegram asked to slow down' : 'Telegram server error',
        );
      }
      return res;
    } catch (err) {
      if (!signal?.aborted) logger.warn({ method, err: safeError(err) }, 'Bot API request failed');
      throw err;
    }
  };
}
