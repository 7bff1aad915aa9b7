/** Telegram refuses callback data longer than this many bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** What a button under an answer asks for; `id` is the answer's key in the answer cache. */
export type CallbackAction =
  | { kind: 'source'; id: string; n: number }
  | { kind: 'more'; id: string; page: number }
  | { kind: 'vote'; id: string; vote: 1 | -1 };

const ID = /^[A-Za-z0-9_-]{1,16}$/;

export function encodeCallback(action: CallbackAction): string {
  if (!ID.test(action.id)) throw new Error(`callback id must be 1-16 url-safe characters, got "${action.id}"`);
  const data =
    action.kind === 'source'
      ? `s:${action.id}:${action.n}`
      : action.kind === 'more'
        ? `m:${action.id}:${action.page}`
        : `v:${action.id}:${action.vote > 0 ? '+' : '-'}`;
  if (Buffer.byteLength(data) > CALLBACK_DATA_LIMIT)
    throw new Error(`callback data over ${CALLBACK_DATA_LIMIT} bytes: ${data}`);
  return data;
}

/** Parses callback data; `null` for anything this bot did not make (old or forged buttons). */
export function decodeCallback(data: string): CallbackAction | null {
  const m = /^([smv]):([A-Za-z0-9_-]{1,16}):([0-9]{1,3}|[+-])$/.exec(data);
  if (!m) return null;
  const [, kind, id, arg] = m as unknown as [string, string, string, string];
  if (kind === 'v') return arg === '+' || arg === '-' ? { kind: 'vote', id, vote: arg === '+' ? 1 : -1 } : null;
  const num = Number(arg);
  if (!Number.isInteger(num)) return null;
  if (kind === 's') return num >= 1 ? { kind: 'source', id, n: num } : null;
  return { kind: 'more', id, page: num };
}
