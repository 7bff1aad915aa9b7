import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { BotContext } from './context.js';

export interface PollOptions {
  allowedUpdates: readonly string[];
  /** Long-poll timeout of one getUpdates, seconds. */
  timeoutSeconds?: number;
}

export interface Poller {
  /** Settles when polling ends: resolves after `stop`, rejects when Telegram refuses the bot (401, 409). */
  task: Promise<void>;
  /**
   * Stops fetching, waits up to `budgetMs` for every update already fetched (those queued behind
   * another of their chat too), then confirms what was handled. Resolves `true` when all were.
   */
  stop(budgetMs: number): Promise<boolean>;
  /** Updates fetched and not handled yet. */
  readonly pending: number;
}

/** Telegram hands out at most this many updates a call. */
const BATCH = 100;
/** Time kept from the stop budget for the last getUpdates that confirms the handled updates. */
const CONFIRM_RESERVE_MS = 500;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 30_000;

/**
 * Long polling that confirms an update only once it was handled. Telegram confirms every update
 * below the `offset` of a getUpdates, so the offset asked is the lowest update still being
 * handled: a stop that runs out of time leaves the unhandled ones to be delivered again to the
 * next start. (@grammyjs/runner confirms a batch with the very next getUpdates, before handling
 * it: what it fetched and had not finished at exit was lost.) Updates handed out again while
 * still being handled are recognised by id and skipped; at most one batch (100) is in hand.
 */
export function startPolling(bot: Bot<BotContext>, options: PollOptions): Poller {
  const timeout = options.timeoutSeconds ?? 30;
  const inHand = new Map<number, Promise<void>>();
  let newest = -1;
  let stopping = false;
  const fetching = new AbortController();
  let wakeOnFinish: (() => void) | null = null;

  /** Everything below it is handled: the offset that confirms exactly that. */
  const confirmable = (): number => (inHand.size > 0 ? Math.min(...inHand.keys()) : newest + 1);

  const handle = (update: Update): void => {
    const id = update.update_id;
    const task = bot
      .handleUpdate(update)
      // The bot's error boundary answers and logs a failing update; it counts as handled.
      .catch((err: unknown) => bot.errorHandler(err as never))
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        inHand.delete(id);
        wakeOnFinish?.();
      });
    inHand.set(id, task);
  };

  /** Resolves on `event` (when given) or after `ms`, and at once when the stop aborts fetching. */
  const waitFor = (ms: number | null, event?: (wake: () => void) => void): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        fetching.signal.removeEventListener('abort', done);
        wakeOnFinish = null;
        resolve();
      };
      const timer = ms === null ? undefined : setTimeout(done, ms);
      fetching.signal.addEventListener('abort', done);
      event?.(done);
    });

  async function loop(): Promise<void> {
    let retryIn = RETRY_FIRST_MS;
    while (!stopping) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { offset: confirmable(), limit: BATCH, timeout, allowed_updates: options.allowedUpdates as never },
          fetching.signal as never,
        );
        retryIn = RETRY_FIRST_MS;
      } catch (err) {
        if (stopping) return;
        // Revoked token, or another instance polling: retrying cannot help.
        if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 409)) throw err;
        await waitFor(retryIn);
        retryIn = Math.min(retryIn * 2, RETRY_MAX_MS);
        continue;
      }
      if (stopping) return; // fetched as the stop came: left unconfirmed, delivered again to the next start
      const fresh = updates.filter((u) => u.update_id > newest);
      for (const u of fresh) {
        newest = u.update_id;
        handle(u);
      }
      // Only updates already in hand came back: asking again before one finishes would spin.
      if (fresh.length === 0 && updates.length > 0) await waitFor(null, (wake) => (wakeOnFinish = wake));
    }
  }

  const task = loop();
  return {
    task,
    get pending() {
      return inHand.size;
    },
    async stop(budgetMs) {
      const deadline = Date.now() + budgetMs;
      stopping = true;
      fetching.abort();
      await task.catch(() => undefined);
      const drainMs = Math.max(0, deadline - Date.now() - CONFIRM_RESERVE_MS);
      const all = Promise.all(inHand.values()).then(() => true);
      let timer: NodeJS.Timeout | undefined;
      const handled = await Promise.race([
        all,
        new Promise<false>((r) => (timer = setTimeout(() => r(false), drainMs))),
      ]);
      clearTimeout(timer);
      if (newest >= 0) {
        // limit 1, timeout 0: returns at once; what it returns stays unconfirmed.
        const confirm = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
        await bot.api
          .getUpdates({ offset: confirmable(), limit: 1, timeout: 0 }, confirm as never)
          .catch(() => undefined);
      }
      return handled;
    },
  };
}
