import { describe, expect, test } from 'vitest';
import { createProgressReporter } from '../../src/cli/progress.js';

function capture(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  const reporter = createProgressReporter({ isTTY, write: (t: string) => written.push(t) }, () => now);
  return { written, reporter, advance: (ms: number) => (now += ms) };
}

const at = (done: number) => ({ done, total: 10, bytes: done * 1_048_576, file: `${done}.txt` });

describe('ingest progress', () => {
  test('not a terminal: one line every five seconds, nothing for a short run', () => {
    const { written, reporter, advance } = capture(false);
    for (let i = 1; i <= 10; i++) {
      advance(1_500);
      reporter.update(at(i));
    }
    reporter.end();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^ingest: 4\/10 files, 4\.0 MB, \d+ files\/s, [\d.]+ MB\/s, 6 s elapsed, 9 s left\n$/);
    const quick = capture(false);
    quick.reporter.update(at(10));
    quick.reporter.end();
    expect(quick.written).toEqual([]);
  });

  test('a terminal: a bar redrawn in place, ended with a newline', () => {
    const { written, reporter, advance } = capture(true);
    advance(200);
    reporter.update(at(5));
    advance(200);
    reporter.update(at(10));
    reporter.end();
    expect(written[0]).toMatch(/^\r\[#{14}-{14}\] 5\/10 files/);
    expect(written.at(-2)).toMatch(/^\r\[#{28}\] 10\/10 files/);
    expect(written.at(-1)).toBe('\n');
  });
});
