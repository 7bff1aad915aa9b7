import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { removeDir, REPORTS_DIR, tempDir } from '../helpers.js';
import { freePort } from '../e2e/harness.js';
import { runCli } from './runCli.js';

/** Hà Nam, năm 2023: a report whose province and period the tests can check. */
const HA_NAM = readFileSync(join(REPORTS_DIR, '002_b7ed6daf0c81323d.txt'));
const LANG_SON = readFileSync(join(REPORTS_DIR, '003_985e148d1920b709.txt'));

interface JsonSummary {
  documents: { file: string; province: string | null; period: string | null; figures: number; warnings: string[] }[];
  warnings: string[];
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function folders(): { root: string; reports: string; index: string } {
  const root = tempDir('ansinh-cli-');
  dirs.push(root);
  const reports = join(root, 'reports');
  mkdirSync(reports);
  return { root, reports, index: join(root, 'index') };
}

async function ingest(reports: string, index: string): Promise<JsonSummary & { code: number | string }> {
  const run = await runCli('ingest', ['--data', reports, '--index', index, '--json']);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return { ...(JSON.parse(run.stdout) as JsonSummary), code: run.code };
}

const doc = (summary: JsonSummary, file: string) => summary.documents.find((d) => d.file === file);

describe('ingest through the command line', () => {
  test('an HTML report nested 5,000 deep is flattened with a warning; the files after it are ingested', async () => {
    const { reports, index } = folders();
    const depth = 5000;
    const body = HA_NAM.toString('utf8')
      .split('\n')
      .map((line) => `<p>${line}</p>`)
      .join('');
    writeFileSync(join(reports, 'a-deep.html'), `<html><body>${'<div>'.repeat(depth)}${body}${'</div>'.repeat(depth)}`);
    writeFileSync(join(reports, 'b-after.txt'), LANG_SON);
    const summary = await ingest(reports, index);
    expect(summary.code).toBe(0);
    expect(doc(summary, 'b-after.txt')?.province).toBe('Lạng Sơn');
    const deep = doc(summary, 'a-deep.html');
    expect(deep?.province).toBe('Hà Nam');
    expect(deep?.warnings.join('\n')).toMatch(/nested 5003 levels deep; \d+ elements below level 256 were flattened/);
  });

  test('valid UTF-8 with a stray 0xA0 and a cut-off last character stays UTF-8, and says how many bytes', async () => {
    const { reports, index } = folders();
    const text = HA_NAM.toString('utf8');
    const cut = text.indexOf('tỉnh Hà Nam') + 'tỉnh'.length;
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, cut)),
      Buffer.from([0xa0]), // a single-byte no-break space instead of the space
      Buffer.from(text.slice(cut + 1)),
      Buffer.from('ệ').subarray(0, 2), // the file ends inside a character
    ]);
    writeFileSync(join(reports, 'ha-nam.txt'), bytes);
    const summary = await ingest(reports, index);
    const found = doc(summary, 'ha-nam.txt');
    expect(found).toMatchObject({ province: 'Hà Nam', period: 'năm 2023' });
    expect(found?.warnings).toEqual([
      'ha-nam.txt: 3 byte(s) not valid UTF-8 were replaced (2 place(s)); the rest decoded as UTF-8',
    ]);
  });

  test('a symlink, a folder and a FIFO under a report name are each one warning; their stored versions stay', async () => {
    const { root, reports, index } = folders();
    for (const name of ['link.txt', 'folder.txt', 'pipe.txt']) writeFileSync(join(reports, name), HA_NAM);
    expect((await ingest(reports, index)).documents.every((d) => d.figures > 0)).toBe(true);

    for (const name of ['link.txt', 'folder.txt', 'pipe.txt']) removeDir(join(reports, name));
    writeFileSync(join(root, 'elsewhere.txt'), LANG_SON);
    symlinkSync(join(root, 'elsewhere.txt'), join(reports, 'link.txt'));
    mkdirSync(join(reports, 'folder.txt'));
    execFileSync('mkfifo', [join(reports, 'pipe.txt')]);
    const summary = await ingest(reports, index);
    const warnings = summary.documents.flatMap((d) => d.warnings);
    expect(warnings).toEqual([
      'folder.txt: a folder, not a regular file; skipped; the version stored earlier is kept',
      'link.txt: a symbolic link, not a regular file; skipped; the version stored earlier is kept',
      'pipe.txt: a named pipe (FIFO), not a regular file; skipped; the version stored earlier is kept',
    ]);
    expect(summary.documents.map((d) => d.province)).toEqual(['Hà Nam', 'Hà Nam', 'Hà Nam']);
  });

  test('a manifest entry for a missing file is a warning; a javascript: link is refused', async () => {
    const { root, reports, index } = folders();
    writeFileSync(join(reports, 'ha-nam.txt'), HA_NAM);
    writeFileSync(join(root, 'reports.json'), JSON.stringify({ 'gone.txt': { province: 'Hà Nam' } }));
    const missing = await ingest(reports, index);
    expect(missing.warnings).toEqual([
      `${join(root, 'reports.json')}: entry "gone.txt" names no file in ${reports}; unused`,
    ]);

    writeFileSync(
      join(root, 'reports.json'),
      JSON.stringify({ 'ha-nam.txt': { source_url: 'javascript:alert(document.cookie)' } }),
    );
    const refused = await ingest(reports, index);
    expect(refused.warnings.join('\n')).toContain('source_url: only http:// and https:// links are accepted');
    const ask = await runCli('ask', ['--index', index, '--data', reports, '--json', 'Tỷ lệ hộ nghèo Hà Nam năm 2023?']);
    expect(ask.stdout).toContain('2,11%');
    expect(ask.stdout).not.toContain('javascript:');
  });

  test('a page of furniture only does not replace the stored report', async () => {
    const { reports, index } = folders();
    writeFileSync(join(reports, 'ha-nam.html'), `<html><body>${HA_NAM.toString('utf8')}</body></html>`);
    const first = await ingest(reports, index);
    const figures = doc(first, 'ha-nam.html')!.figures;
    expect(figures).toBeGreaterThan(10);
    writeFileSync(
      join(reports, 'ha-nam.html'),
      '<html><body><nav>Trang chủ | Tin tức</nav><h1>Tin tức - Sự kiện</h1><p>Chia sẻ</p><p>Facebook</p>' +
        '<footer>Bản quyền thuộc Sở Lao động - Thương binh và Xã hội tỉnh Hà Nam</footer></body></html>',
    );
    const second = await ingest(reports, index);
    const kept = doc(second, 'ha-nam.html');
    expect(kept?.figures).toBe(figures);
    expect(kept?.warnings.join('\n')).toMatch(/the version stored earlier is kept/);
  });

  test('a corrupt corpus.db is one clear line, no stack trace', async () => {
    const { reports, index } = folders();
    mkdirSync(index);
    writeFileSync(join(index, 'corpus.db'), Buffer.alloc(4096, 0x5a));
    for (const [cli, args] of [
      ['ask', ['--index', index, '--data', reports, 'Tỷ lệ hộ nghèo?']],
      ['ingest', ['--index', index, '--data', reports]],
    ] as const) {
      const run = await runCli(cli, [...args]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        `Cannot open the corpus store at ${join(index, 'corpus.db')}: file is not a database. The store is rebuilt from the reports: remove ${join(index, 'corpus.db')} and run \`npm run ingest\`.`,
      ]);
    }
  });
});

describe('settings refused by the bot at start', () => {
  const TOKEN = '77:odd"Token\\with~shape';
  test.each([
    ['a whitespace-only token', { TELEGRAM_BOT_TOKEN: '   ' }, 'TELEGRAM_BOT_TOKEN: is only whitespace'],
    ['an id written as 1e3', { TELEGRAM_BOT_TOKEN: TOKEN, ALLOWED_CHAT_IDS: '5,1e3' }, 'not an id: "1e3"'],
    ['an id written as 0x10', { TELEGRAM_BOT_TOKEN: TOKEN, ADMIN_USER_IDS: '0x10' }, 'not an id: "0x10"'],
    ['the token pasted into another setting', { TELEGRAM_BOT_TOKEN: TOKEN, ALLOWED_CHAT_IDS: TOKEN }, '[secret]'],
  ])('%s', async (_case, env, message) => {
    const run = await runCli('bot', [], { ...env, LOG_LEVEL: 'trace' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('Token');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

test('an unreachable Bot API at start is a clear failure within seconds, the odd token nowhere', async () => {
  const closed = await freePort();
  const started = Date.now();
  const run = await runCli('bot', [], {
    TELEGRAM_BOT_TOKEN: 'odd-token.short~1',
    TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}`,
    LOG_LEVEL: 'trace',
    REPORTS_DIR: REPORTS_DIR,
    INDEX_DIR: join(folders().root, 'index'),
  });
  expect(run.code).toBe(1);
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(run.stderr).toContain(`could not start the bot: the Bot API (http://127.0.0.1:${closed}) cannot be reached`);
  expect(run.stderr).not.toContain('odd-token');
});
