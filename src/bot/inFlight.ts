import type { Context, MiddlewareFn } from 'grammy';

export interface InFlight<C extends Context> {
  middleware: MiddlewareFn<C>;
  /** Resolves `true` once no update is being handled, or `false` after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
  readonly active: number;
}

/** Counts updates being handled, so that a shutdown can wait for replies in flight. */
export function createInFlight<C extends Context>(): InFlight<C> {
  let active = 0;
  let waiters: Array<() => void> = [];
  return {
    middleware: async (_ctx, next) => {
      active += 1;
      try {
        await next();
      } finally {
        active -= 1;
        if (active === 0) {
          for (const wake of waiters) wake();
          waiters = [];
        }
      }
    },
    drain(timeoutMs) {
      if (active === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    get active() {
      return active;
    },
  };
}
