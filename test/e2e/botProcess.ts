import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../helpers.js';

export interface BotProcess {
  child: ChildProcess;
  /** Every line the bot wrote on stderr (its JSON log). */
  lines: string[];
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
}

/** Starts `src/cli/bot.ts` (what `npm start` runs) in its own process; resolves once it polls. */
export async function spawnBot(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bot.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const deadline = Date.now() + timeoutMs;
  while (!lines.some((l) => l.includes('bot polling for updates'))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the bot did not start:\n${lines.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, lines, exited };
}
