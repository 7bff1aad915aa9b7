import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers.js';

export interface CliResult {
  code: number | string;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Output so far. */
  readonly stdout: string;
  readonly stderr: string;
  done: Promise<CliResult>;
}

/** Starts a command of `src/cli/` as `npm run …` does (tsx), in lexical mode, logs at warn. */
export function startCli(command: string, args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join('src/cli', `${command}.ts`), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, SEARCH_MODE: 'lexical', LOG_LEVEL: 'warn', REPORTS_DIR: '', INDEX_DIR: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin!.end();
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? signal ?? 'unknown', stdout, stderr })),
  );
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
  };
}

export function runCli(command: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(command, args, env).done;
}
