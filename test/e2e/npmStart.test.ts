import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { REPO_ROOT } from '../helpers.js';
import { freePort, tempDataDirs, TEST_TOKEN, until } from './harness.js';

let server: TelegramServer;
const dirs = tempDataDirs();
beforeAll(async () => {
  server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
  await server.start();
});
afterAll(async () => {
  await server.stop();
  dirs.cleanup();
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('SIGTERM to the `npm start` process stops the bot itself, leaving no process behind', async () => {
  // What a process manager runs and signals: `npm start`, and the pid it got back.
  const npm = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
      SEARCH_MODE: 'lexical',
      REPORTS_DIR: dirs.REPORTS_DIR,
      INDEX_DIR: dirs.INDEX_DIR,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  npm.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  const lines = () =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; pid: number });
  let botPid = 0;
  try {
    await until(() => lines().some((l) => l.msg === 'bot polling for updates'), 60_000);
    botPid = lines().find((l) => l.msg === 'bot polling for updates')!.pid;
    expect(alive(botPid)).toBe(true);

    npm.kill('SIGTERM');
    await exited;
    await until(() => !alive(botPid), 6000);
    expect(lines().map((l) => l.msg)).toContain('stopped');
  } finally {
    if (botPid && alive(botPid)) process.kill(botPid, 'SIGKILL');
    npm.kill('SIGKILL');
  }
});
