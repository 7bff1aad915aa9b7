import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { STUBS } from './emulatorGaps.js';
import { freePort } from './harness.js';
import { TelegramUpdates } from './telegramUpdates.js';

export interface TelegramFront {
  /** The Bot API root a bot process is given (`TELEGRAM_API_ROOT`). */
  url: string;
  updates: TelegramUpdates;
  /** Method names of every call, in order, with the time it arrived. */
  calls: { method: string; at: number }[];
  /** The next call of `method` gets "Too Many Requests: retry after `seconds`", as in a flood. */
  floodOnce(method: string, seconds: number): void;
  /** Every call of `method` is answered `ms` later, as over a real network. */
  delay(method: string, ms: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Telegram as a separate bot process sees it, over HTTP on 127.0.0.1: getUpdates honours `offset`
 * (TelegramUpdates), the methods the emulator lacks are answered as Telegram would, and the rest
 * is passed through to the emulator.
 */
export async function startTelegramFront(server: TelegramServer, token: string): Promise<TelegramFront> {
  const upstream = new URL(server.config.apiURL);
  const updates = new TelegramUpdates(server, token);
  const calls: TelegramFront['calls'] = [];
  const floods = new Map<string, number>();
  const delays = new Map<string, number>();
  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const http: Server = createServer((req, res) => {
    const method = /^\/bot[^/]+\/([A-Za-z]+)/.exec(req.url ?? '')?.[1] ?? '';
    calls.push({ method, at: Date.now() });
    const ms = delays.get(method);
    if (ms) setTimeout(() => answer(method, req, res), ms);
    else answer(method, req, res);
  });
  const answer = (method: string, req: IncomingMessage, res: ServerResponse): void => {
    const seconds = floods.get(method);
    if (seconds !== undefined) {
      floods.delete(method);
      send(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${seconds}`,
        parameters: { retry_after: seconds },
      });
      return;
    }
    const stub = STUBS[method];
    if (stub || method === 'getUpdates') {
      void readBody(req).then(async (raw) => {
        const payload = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
        if (stub) return send(res, 200, { ok: true, result: stub(payload) });
        // A poll the bot gave up on (it stopped) hands nothing out: its updates stay unconfirmed.
        const gone = new AbortController();
        res.on('close', () => gone.abort());
        const result = await updates.getUpdates(payload, gone.signal);
        if (!gone.signal.aborted) send(res, 200, { ok: true, result });
      });
      return;
    }
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(forward);
  };
  const port = await freePort();
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    updates,
    calls,
    floodOnce: (method, s) => void floods.set(method, s),
    delay: (method, ms) => void delays.set(method, ms),
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
