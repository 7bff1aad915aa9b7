import { parseQuery } from '../src/search/query.js';
const q = parseQuery(process.argv[2]!);
console.log(JSON.stringify({ ...q, claims: q.claims.map(c=>c.text) }, null, 1));
