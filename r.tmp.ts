import { readReportFile } from './src/ingest/convert/registry.js';
import { cleanReport } from './src/ingest/clean.js';
import { layoutTables } from './src/ingest/convert/tables.js';
for (const f of process.argv.slice(2)) {
  const t = performance.now();
  try {
    const r = await readReportFile(f, { maxBytes: 50e6 });
    const c = cleanReport(r.text, r.markup);
    const l = layoutTables(c.text);
    console.log(
      '=====',
      f,
      (performance.now() - t).toFixed(0),
      'ms',
      r.title,
      r.warnings,
      'chars',
      l.text.length,
      'rows',
      l.rows.length,
    );
    console.log(l.text.slice(0, Number(process.env.N ?? 600)));
  } catch (e) {
    console.log('ERR', f, (e as Error).message);
  }
}
