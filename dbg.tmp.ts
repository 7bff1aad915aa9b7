import { lexicalEngine } from './test/helpers.ts';
const engine = await lexicalEngine({ REPORTS_DIR: '../shared/eval/real/reports', INDEX_DIR: '/tmp/ridx' });
const a = await engine.ask(process.argv[2]!);
console.log(a.answer_text, a.confidence, a.kind);
engine.close();
