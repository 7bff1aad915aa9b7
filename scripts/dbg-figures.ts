import { parseFigures } from '../src/figures/parse.js';
for (const f of parseFigures(process.argv[2]!)) console.log(JSON.stringify({ t: f.text, k: f.kind, v: f.value, tg: f.target, u: f.unit, q: f.qualifier, i: f.indicator, p: f.percentOfPlanText }));
