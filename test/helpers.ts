import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/answer/engine.js';
import type { Engine } from '../src/answer/types.js';
import type { DocumentInput, PassageInput } from '../src/store/corpusStore.js';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REPORTS_DIR = join(REPO_ROOT, 'data/reports');

/** The development questions: the shared copy beside the repository when present, else the committed one. */
export const DEV_QUESTIONS = [
  join(REPO_ROOT, '../shared/eval/questions.dev.jsonl'),
  join(REPO_ROOT, 'test/fixtures/eval/questions.dev.jsonl'),
].find((p) => existsSync(p))!;

export function tempDir(prefix = 'ansinh-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the bundled reports in a temp folder, safe to add to or delete from. */
export function copyReports(): string {
  const dir = join(tempDir(), 'reports');
  cpSync(REPORTS_DIR, dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    REPORTS_DIR: REPORTS_DIR,
    INDEX_DIR: join(tempDir(), 'index'),
    SEARCH_MODE: 'lexical',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

/** The real engine over the bundled reports, lexical mode, in a fresh temp store. */
export async function lexicalEngine(overrides: Partial<Config> = {}): Promise<Engine> {
  const config = testConfig(overrides);
  return createEngine({ config, logger: createLogger('silent') });
}

/** The real engine, lexical mode, over reports written here (file name → text), and a way to close it. */
export async function engineOver(reports: Record<string, string>): Promise<{ engine: Engine; close: () => void }> {
  const dir = tempDir();
  const folder = join(dir, 'reports');
  mkdirSync(folder);
  for (const [file, text] of Object.entries(reports)) writeFileSync(join(folder, file), text);
  const engine = await lexicalEngine({ REPORTS_DIR: folder, INDEX_DIR: join(dir, 'index') });
  return {
    engine,
    close: () => {
      engine.close();
      removeDir(dir);
    },
  };
}

/** A stored report of Hà Nam, year 2023, for store tests; fields to change in `overrides`. */
export function documentInput(file: string, overrides: Partial<DocumentInput> = {}): DocumentInput {
  return {
    file,
    hash: 'h1',
    title: 'Báo cáo',
    province: 'Hà Nam',
    year: 2023,
    periodLabel: 'năm 2023',
    periodKey: '2023',
    periodKind: 'year',
    months: 12,
    sourceUrl: null,
    published: null,
    text: 'x',
    warnings: [],
    ...overrides,
  };
}

/** Passage `n` of a report, holding `text` and no figures. */
export function passageInput(n: number, text: string): PassageInput {
  return { n, heading: null, text, footnotes: '', start: 0, end: text.length, figures: [] };
}
