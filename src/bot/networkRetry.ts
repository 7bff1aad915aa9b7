import { HttpError, type Transformer } from 'grammy';

/** Retries of a Bot API call that failed on the network; past them the call fails for good. */
export const NETWORK_RETRIES = 3;
/** Pause before the first retry, doubled for each next one (0.5 s, 1 s, 2 s). */
const FIRST_PAUSE_MS = 500;

function pause(ms: number, signal?: { addEventListener(type: 'abort', listener: () => void): void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * A bounded retry for calls that never reached Telegram (DNS, refused connection, reset), so that
 * an unreachable API at start is a clear failure within seconds rather than an endless wait.
 * `getUpdates` is left to the poller, which has its own back-off.
 */
export function createNetworkRetry(retries = NETWORK_RETRIES, firstPauseMs = FIRST_PAUSE_MS): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || method === 'getUpdates' || signal?.aborted || attempt >= retries) throw err;
        await pause(firstPauseMs * 2 ** attempt, signal);
      }
    }
  };
}
