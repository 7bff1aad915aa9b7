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
/** While an update holds back the offset, how often other chats' new updates are looked for. */
const RECHECK_MS = 200;
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
  let fetching: AbortController | null = null;
  /** Called when an update finishes and when the stop comes. */
  const wakers = new Set<() => void>();
  const wakeAll = (): void => {
    for (const wake of [...wakers]) wake();
  };

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
        wakeAll();
      });
    inHand.set(id, task);
  };

  /** Resolves after `ms` (never when null), once `ready()` holds after an update finished, or on the stop. */
  const waitFor = (ms: number | null, ready: () => boolean = () => false): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        if (!stopping && !ready()) return;
        done();
      };
      const done = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = ms === null ? undefined : setTimeout(done, ms);
      wakers.add(wake);
    });

  async function loop(): Promise<void> {
    let retryIn = RETRY_FIRST_MS;
    while (!stopping) {
      const offset = confirmable();
      let updates: Update[];
      try {
        fetching = new AbortController();
        updates = await bot.api.getUpdates(
          { offset, limit: BATCH, timeout, allowed_updates: options.allowedUpdates as never },
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
      } finally {
        fetching = null;
      }
      if (stopping) return; // fetched as the stop came: left unconfirmed, delivered again to the next start
      const fresh = updates.filter((u) => u.update_id > newest);
      for (const u of fresh) {
        newest = u.update_id;
        handle(u);
      }
      if (fresh.length > 0 || updates.length === 0) continue;
      // Only updates already in hand came back, so Telegram answers at once: asking again at once
      // would spin. A full batch cannot change before the oldest finishes; a short one is asked
      // again a little later, so that other chats are not held up by one slow update.
      const offsetMoved = () => confirmable() !== offset;
      await waitFor(updates.length >= BATCH ? null : RECHECK_MS, offsetMoved);
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
      fetching?.abort();
      wakeAll();
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
