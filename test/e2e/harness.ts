import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { Engine } from '../../src/answer/types.js';
import { createBot, type BotApp } from '../../src/bot/createBot.js';
import { startBot, type RunningBot } from '../../src/bot/startBot.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createEmulatorGaps, type ApiRecorder } from './emulatorGaps.js';
import { TelegramUpdates } from './telegramUpdates.js';

/** Shaped like a real token, so that a leak would match the scrubber's pattern and the tests. */
export const TEST_TOKEN = '123456789:AAH-emulatorOnlyTokenForTests_0123456';
/** What the emulator's getMe answers. */
export const BOT_USERNAME = 'TestNameBot';
export const BOT_ID = 666;

export type EngineFactory = (config: Config, logger: Logger) => Promise<Engine>;

export interface BotReply {
  messageId: number;
  text: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> };
  reply_parameters?: { message_id: number };
  message_thread_id?: number;
}

export interface TestChat {
  readonly chatId: number;
  readonly userId: number;
  /** Sends a text message; extra fields are merged into the message (entities, reply_to_message…). */
  say(text: string, extra?: Record<string, unknown>): Promise<void>;
  command(text: string): Promise<void>;
  /** Sends a message without text (a sticker, a photo…): `fields` are the message's own fields. */
  send(fields: Record<string, unknown>): Promise<void>;
  tap(messageId: number, data: string): Promise<void>;
  /** Waits for `count` new bot messages in this chat. */
  replies(count?: number, timeoutMs?: number): Promise<BotReply[]>;
  /** New bot messages in this chat so far, without waiting. */
  unread(): BotReply[];
  /** The emulator's id of the last message this chat sent. */
  lastMessageId(): number;
}

export interface Harness {
  server: TelegramServer;
  config: Config;
  app: BotApp;
  running: RunningBot;
  engine: Engine;
  recorder: ApiRecorder;
  /** The Telegram-like update queue the bot polls (confirm by offset, hand out again until then). */
  updates: TelegramUpdates;
  /** Every log line the bot wrote, as JSON text. */
  logs: string[];
  chat(options: {
    userId: number;
    chatId?: number;
    type?: 'private' | 'group' | 'supergroup';
    title?: string;
  }): TestChat;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The bundled reports copied to a temp folder (uploads write there), with a temp index. */
export function tempDataDirs(): { REPORTS_DIR: string; INDEX_DIR: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'ansinh-bot-e2e-'));
  cpSync('data/reports', join(root, 'reports'), { recursive: true });
  return {
    REPORTS_DIR: join(root, 'reports'),
    INDEX_DIR: join(root, 'index'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Serves `/file/bot<token>/documents/<id>` (the emulator has no file storage) and passes every other
 * request through to the emulator.
 */
async function startFileProxy(upstream: string, files: Map<string, Buffer>): Promise<{ url: string; server: Server }> {
  const target = new URL(upstream);
  const server = createHttpServer((req, res) => {
    const file = /^\/file\/bot[^/]+\/documents\/(.+)$/.exec(req.url ?? '');
    if (file) {
      const body = files.get(decodeURIComponent(file[1] ?? ''));
      res.writeHead(body ? 200 : 404).end(body);
      return;
    }
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    // The emulator gone: the bot sees a dropped connection, as from a real network failure.
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

export interface HarnessOptions {
  makeEngine: EngineFactory;
  /** Extra settings, as environment variables. */
  env?: Record<string, string>;
  /** Files served for download, by file_id (admin uploads). */
  files?: Map<string, Buffer>;
  logLevel?: string;
  /** The bot token (default: one shaped like Telegram's). */
  token?: string;
}

/** Starts the emulator on 127.0.0.1 and the production bot factory long-polling it. */
export async function startHarness({
  makeEngine,
  env = {},
  files,
  logLevel = 'debug',
  token = TEST_TOKEN,
}: HarnessOptions): Promise<Harness> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
  await server.start();
  const proxy = files ? await startFileProxy(server.config.apiURL, files) : null;
  const dirs = tempDataDirs();
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: proxy?.url ?? server.config.apiURL,
    SEARCH_MODE: 'lexical',
    REPORTS_DIR: dirs.REPORTS_DIR,
    INDEX_DIR: dirs.INDEX_DIR,
    LOG_LEVEL: logLevel,
    ...env,
  });
  const logs: string[] = [];
  // The production logger, so that its redaction of the configured secrets is what the tests see.
  const logger = createLogger(logLevel, 'json', {
    secrets: [config.TELEGRAM_BOT_TOKEN, config.WEBHOOK_SECRET],
    write: (line: string) => void logs.push(line),
  });
  const engine = await makeEngine(config, logger);
  const updates = new TelegramUpdates(server, token);
  const { recorder, transformer } = createEmulatorGaps(server, updates);
  const app = createBot({ config, engine, logger, transformers: [transformer] });
  const running = await startBot(app, { config, logger });

  // Shared by every handle on a chat, so that a reply is read once however many handles ask.
  const seen = new Set<number>();
  const chat: Harness['chat'] = ({ userId, chatId = userId, type = 'private', title = 'Nhóm thử' }) => {
    const client = server.getClient(token, { userId, chatId, type, chatTitle: title, firstName: `User${userId}` });
    const fresh = (): BotReply[] =>
      server.storage.botMessages
        .filter((m) => String(m.message.chat_id) === String(chatId) && !seen.has(m.messageId))
        .map((m) => ({ ...(m.message as unknown as BotReply), messageId: m.messageId }));
    return {
      chatId,
      userId,
      say: async (text, extra = {}) => void (await client.sendMessage({ ...client.makeMessage(text), ...extra })),
      command: async (text) => void (await client.sendCommand(client.makeCommand(text))),
      send: async (fields) => {
        const { text: _text, ...message } = client.makeMessage('');
        await client.sendMessage({ ...message, ...fields } as never);
      },
      tap: async (messageId, data) =>
        void (await client.sendCallback(client.makeCallbackQuery(data, { message: { message_id: messageId } }))),
      async replies(count = 1, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const got = fresh();
          if (got.length >= count) {
            const taken = got.slice(0, count);
            for (const r of taken) seen.add(r.messageId);
            return taken;
          }
          if (Date.now() > deadline) throw new Error(`expected ${count} replies in chat ${chatId}, got ${got.length}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      },
      unread: fresh,
      lastMessageId() {
        const sent = server.storage.userMessages.filter(
          (u) => 'message' in u && String(u.message.chat.id) === String(chatId),
        );
        const last = sent.at(-1);
        if (!last) throw new Error(`chat ${chatId} sent nothing yet`);
        return last.messageId;
      },
    };
  };

  return {
    server,
    config,
    app,
    running,
    engine,
    recorder,
    updates,
    logs,
    chat,
    async stop() {
      await running.stop(2000);
      engine.close();
      proxy?.server.close();
      await server.stop();
      dirs.cleanup();
    },
  };
}

/** Waits until `check` holds (polling every 10 ms); fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Log lines at error level or above (pino: error = 50). */
export function errorLines(logs: string[]): string[] {
  return logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
}
