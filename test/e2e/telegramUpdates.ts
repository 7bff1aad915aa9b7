import type { Update } from 'grammy/types';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

/** Events the emulator emits when a user update arrives. */
const USER_UPDATE_EVENTS = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];

/** A long poll waits at most this long here, so that a test's stop never waits on an idle poll. */
const LONG_POLL_CAP_MS = 50;

export interface GetUpdatesParams {
  offset?: number;
  limit?: number;
  timeout?: number;
}

/**
 * Telegram's update queue in front of the emulator. The emulator hands an update out once (and
 * ignores `offset`); Telegram keeps every update until a `getUpdates` with a higher `offset`
 * confirms it, and hands it out again until then, to this bot process or the next one.
 */
export class TelegramUpdates {
  /** Updates taken from the emulator and not confirmed yet, in id order. */
  private pending: Update[] = [];
  /** How often each update was handed out. */
  readonly deliveries = new Map<number, number>();
  /** The offset of every getUpdates call, in order. */
  readonly offsets: number[] = [];

  constructor(
    private readonly server: TelegramServer,
    private readonly token: string,
  ) {}

  async getUpdates(params: GetUpdatesParams, signal?: AbortSignal): Promise<Update[]> {
    const offset = params.offset ?? 0;
    const limit = Math.max(1, Math.min(params.limit ?? 100, 100));
    this.offsets.push(offset);
    this.take();
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    if (this.pending.length === 0 && (params.timeout ?? 0) > 0) {
      await this.nextUpdate(Math.min((params.timeout ?? 0) * 1000, LONG_POLL_CAP_MS), signal);
      this.take();
    }
    const batch = this.pending.slice(0, limit);
    for (const u of batch) this.deliveries.set(u.update_id, (this.deliveries.get(u.update_id) ?? 0) + 1);
    return batch;
  }

  /** Updates handed out but not confirmed yet. */
  unconfirmed(): number[] {
    this.take();
    return this.pending.map((u) => u.update_id);
  }

  private take(): void {
    const fresh = this.server.getUpdates(this.token) as unknown as Update[];
    this.pending.push(...fresh);
  }

  private nextUpdate(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        for (const e of USER_UPDATE_EVENTS) this.server.off(e, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      for (const e of USER_UPDATE_EVENTS) this.server.once(e, done);
      signal?.addEventListener('abort', done);
    });
  }
}
