import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { errorLines, startHarness, type Harness } from './harness.js';

const DEPTH = 5000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    // A report nested far too deep waits in the folder (an earlier upload), and one that cannot be read.
    makeEngine: (config, logger) => {
      const deep = `<html><body>${'<div>'.repeat(DEPTH)}Trang${'</div>'.repeat(DEPTH)}</body></html>`;
      writeFileSync(join(config.REPORTS_DIR, 'deep.html'), deep);
      writeFileSync(join(config.REPORTS_DIR, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0]));
      // And what an upload cut short by a crash left behind.
      writeFileSync(join(config.REPORTS_DIR, '.upload-0000.txt'), 'half a report');
      return createEngine({ config, logger });
    },
  });
});
afterAll(async () => {
  await h?.stop();
});

test('the bot starts past a report nested 5,000 deep and one that fails, with warnings naming them, and answers', async () => {
  const me = h.chat({ userId: 9401 });
  await me.say('Tỷ lệ hộ nghèo Hà Nam năm 2023?');
  const [reply] = await me.replies();
  expect(reply?.text).toContain('2,11%');
  const warnings = h.logs
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .filter((l) => l.level === 40)
    .map((l) => l.msg);
  expect(warnings.filter((w) => w.startsWith('deep.html: HTML nested 5002 levels deep'))).toHaveLength(1);
  expect(warnings.filter((w) => w.startsWith('binary.txt: '))).toHaveLength(1);
  expect(warnings).toContain(".upload-0000.txt: an unfinished upload's temporary file, removed");
  expect(existsSync(join(h.config.REPORTS_DIR, '.upload-0000.txt'))).toBe(false);
  expect(errorLines(h.logs)).toEqual([]);
});
