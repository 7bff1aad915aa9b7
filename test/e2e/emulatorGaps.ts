import type { Transformer } from 'grammy';
import type { TelegramUpdates } from './telegramUpdates.js';

/** A Bot API call as the bot made it, for assertions on methods the emulator does not keep. */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface ApiRecorder {
  calls: RecordedCall[];
  /** The next call of `method` gets Telegram's "Too Many Requests" once, as in a flood. */
  inject429Once(method: string): void;
  /** How many 429s were answered so far. */
  readonly injected429: number;
}

/** getUpdates on the emulator returns at once even when empty; without a pause the poller spins. */
const EMPTY_POLL_PAUSE_MS = 50;

/** Methods the emulator lacks, answered as Telegram would. */
export const STUBS: Record<string, (payload: Record<string, unknown>) => unknown> = {
  sendChatAction: () => true,
  setMyCommands: () => true,
  answerInlineQuery: () => true,
  getChat: (p) => ({ id: Number(p.chat_id), type: Number(p.chat_id) > 0 ? 'private' : 'supergroup' }),
  sendPhoto: (p) => ({
    message_id: 1,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(p.chat_id), type: 'private' },
  }),
  getFile: (p) => ({
    file_id: p.file_id,
    file_unique_id: `u${String(p.file_id)}`,
    file_path: `documents/${String(p.file_id)}`,
  }),
};

function pause(ms: number, signal?: { addEventListener(type: 'abort', listener: () => void): void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Events the emulator emits when a user update arrives. */
const USER_UPDATE_EVENTS = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];

interface UpdateEvents {
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

/** Resolves on the next user update or after `ms`, so an empty poll neither spins nor adds delay. */
function nextUpdateOr(
  events: UpdateEvents | undefined,
  ms: number,
  signal?: Parameters<typeof pause>[1],
): Promise<void> {
  if (!events) return pause(ms, signal);
  return new Promise((resolve) => {
    const done = (): void => {
      for (const e of USER_UPDATE_EVENTS) events.off(e, done);
      resolve();
    };
    for (const e of USER_UPDATE_EVENTS) events.once(e, done);
    void pause(ms, signal).then(done);
  });
}

/**
 * Test-only API transformer at the network edge: fills the emulator's gaps, records every call,
 * and can answer one call with a 429 to exercise auto-retry. Given the emulator's events, an empty
 * getUpdates waits for the next user update (at most 50 ms), as Telegram's long polling would.
 */
export function createEmulatorGaps(
  events?: UpdateEvents,
  /** Telegram's confirm-by-offset queue; without it getUpdates goes to the emulator, which hands an update out once. */
  updates?: TelegramUpdates,
): { recorder: ApiRecorder; transformer: Transformer } {
  const pending = new Set<string>();
  let injected = 0;
  const recorder: ApiRecorder = {
    calls: [],
    inject429Once: (method) => void pending.add(method),
    get injected429() {
      return injected;
    },
  };
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const body = (payload ?? {}) as Record<string, unknown>;
    if (method !== 'getUpdates') recorder.calls.push({ method, payload: body });
    if (pending.delete(method)) {
      injected += 1;
      return {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      };
    }
    const stub = STUBS[method];
    if (stub) return { ok: true, result: stub(body) } as never;
    if (method === 'getUpdates' && updates) {
      return { ok: true, result: await updates.getUpdates(body, signal as AbortSignal | undefined) } as never;
    }
    const res = await prev(method, payload, signal);
    if (method === 'getUpdates' && res.ok && Array.isArray(res.result) && res.result.length === 0) {
      await nextUpdateOr(events, EMPTY_POLL_PAUSE_MS, signal);
    }
    return res;
  };
  return { recorder, transformer };
}
