import type Database from 'better-sqlite3';
import { canonical, createCanonical, fold } from '../text/normalize.js';
import type {
  LexicalHit,
  LexicalIndex,
  LexicalPassage,
  LexicalQuery,
  LexicalScope,
  LexicalTerm,
  TermStats,
} from './lexicalIndex.js';

/**
 * The FTS5 table. Contentless (the passages table holds the text), so the
 * words are stored once, in the index. Columns:
 * - `heading`, `body_fold`: accent-free syllables (folds `đ` too, which FTS5's
 *   own `remove_diacritics` does not);
 * - `body_canon`: accented syllables with one tone placement;
 * - `pairs_fold`, `pairs_canon`: each two adjacent syllables as one token
 *   (`ho_ngheo`). A phrase of common syllables (`lao động`) is then one short
 *   doclist instead of two long ones intersected by position;
 * - `scope`: the passage's document, province and year as tokens
 *   (`d12 pv_ha_nam y2023`), so a scoped search is an AND inside the index
 *   and FTS5 skips the rest instead of scoring it.
 */
export const FTS5_SCHEMA_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
  heading, body_canon, body_fold, pairs_canon, pairs_fold, scope,
  content = '', contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
-- New tokens gather in memory up to this size before they are written as a segment: 32 MB holds an
-- ingest batch whole (1 MB, the default, cut it into many small segments that merging then rewrote).
INSERT INTO passages_fts(passages_fts, rank) VALUES ('hashsize', 33554432);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages_fts, 'row');
`;

export const FTS5_TABLES = ['passages_vocab', 'passages_fts'] as const;

/** Tokens whose passage counts are remembered: syllables, pairs of them, scope tokens. */
const TOKEN_CACHE_SIZE = 50_000;

/** bm25 weights by column: heading, accented body, accent-free body, accented pairs, accent-free pairs, scope. */
const BM25_WEIGHTS = [2, 1.5, 1, 1.5, 1, 0] as const;

/** Syllables as FTS5's unicode61 tokenizer (with `_` as a token character) cuts them. */
function syllables(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

function pairTokens(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]}_${words[i + 1]}`);
  return out;
}

function provinceToken(province: string): string {
  return `pv_${syllables(fold(province)).join('_')}`;
}

/** Quotes a token sequence for FTS5 (doubling inner quotes). */
function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export function createFts5LexicalIndex(db: Database.Database): LexicalIndex {
  const insert = db.prepare(
    `INSERT INTO passages_fts (rowid, heading, body_canon, body_fold, pairs_canon, pairs_fold, scope)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare('DELETE FROM passages_fts WHERE rowid = ?');
  const search = db.prepare(
    `SELECT rowid AS id, bm25(passages_fts, ${BM25_WEIGHTS.join(', ')}) AS rank
     FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?`,
  );
  const vocab = db.prepare('SELECT doc FROM passages_vocab WHERE term = ?').pluck();
  // Ingest canonicalises every passage: remembering each word's tone placement saves most of that.
  const canonicalBody = createCanonical();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  // Counting a token reads its whole postings list (2 ms for a pair in half of 300k passages), and
  // phrases share their pairs: counts are kept until this index writes or another connection commits.
  const tokenDocs = new Map<string, number>();
  let countedAt: unknown = null;

  function tokenDocFreq(token: string): number {
    let docs = tokenDocs.get(token);
    if (docs === undefined) {
      docs = Number(vocab.get(token) ?? 0);
      if (tokenDocs.size >= TOKEN_CACHE_SIZE) tokenDocs.delete(tokenDocs.keys().next().value!);
      tokenDocs.set(token, docs);
    }
    return docs;
  }

  /** Forgets the counts when the table changed since they were taken. */
  function checkCounts(): void {
    const version = dataVersion.get();
    if (version !== countedAt) tokenDocs.clear();
    countedAt = version;
  }

  function termStats(terms: string[]): Map<string, TermStats> {
    checkCounts();
    const out = new Map<string, TermStats>();
    for (const term of terms) {
      const words = syllables(canonical(term));
      const tokens = words.length === 1 ? words : pairTokens(words);
      out.set(term, statsOf(tokens.map(tokenDocFreq)));
    }
    return out;
  }

  /** The FTS5 expression of one term: a syllable in the body, or a phrase of pair tokens. */
  function expression(
    term: LexicalTerm,
  ): { column: 'fold' | 'canon' | 'pairs_fold' | 'pairs_canon'; expr: string } | null {
    const words = syllables(term.accented ? canonical(term.text) : fold(term.text));
    if (words.length === 0) return null;
    if (words.length === 1) return { column: term.accented ? 'canon' : 'fold', expr: quote(words[0]!) };
    return { column: term.accented ? 'pairs_canon' : 'pairs_fold', expr: quote(pairTokens(words).join(' ')) };
  }

  function scopeClauses(scope: LexicalScope | undefined): string[] | null {
    if (!scope) return [];
    const clauses: string[] = [];
    const group = (tokens: string[]) => `scope : (${tokens.map(quote).join(' OR ')})`;
    if (scope.provinces) {
      if (scope.provinces.length === 0) return null;
      clauses.push(group([...new Set(scope.provinces.map(provinceToken))]));
    }
    if (scope.years) {
      if (scope.years.length === 0) return null;
      clauses.push(group([...new Set(scope.years.map((y) => `y${Math.trunc(y)}`))]));
    }
    if (scope.docIds) {
      if (scope.docIds.length === 0) return null;
      clauses.push(group(scope.docIds.map((id) => `d${Math.trunc(id)}`)));
    }
    return clauses;
  }

  return {
    add(passages: LexicalPassage[]): void {
      tokenDocs.clear();
      for (const p of passages) {
        const headingFold = syllables(fold(p.heading ?? ''));
        const bodyFold = syllables(fold(p.body));
        const bodyCanon = syllables(canonicalBody(p.body));
        const scope = [`d${p.docId}`];
        if (p.province) scope.push(provinceToken(p.province));
        if (p.year !== null) scope.push(`y${p.year}`);
        insert.run(
          p.id,
          headingFold.join(' '),
          bodyCanon.join(' '),
          bodyFold.join(' '),
          pairTokens(bodyCanon).join(' '),
          [...pairTokens(headingFold), ...pairTokens(bodyFold)].join(' '),
          scope.join(' '),
        );
      }
    },

    remove(passageIds: number[]): void {
      tokenDocs.clear();
      for (const id of passageIds) remove.run(id);
    },

    search(query: LexicalQuery): LexicalHit[] {
      const byColumn = new Map<string, Set<string>>();
      for (const term of query.terms) {
        const e = expression(term);
        if (!e) continue;
        const set = byColumn.get(e.column) ?? new Set<string>();
        set.add(e.expr);
        byColumn.set(e.column, set);
      }
      if (byColumn.size === 0 || query.limit <= 0) return [];
      const target = {
        fold: '{heading body_fold}',
        canon: 'body_canon',
        pairs_fold: 'pairs_fold',
        pairs_canon: 'pairs_canon',
      };
      const match = [...byColumn]
        .map(([column, exprs]) => `${target[column as keyof typeof target]} : (${[...exprs].join(' OR ')})`)
        .join(' OR ');
      const scope = scopeClauses(query.scope);
      if (scope === null) return [];
      const full = scope.length > 0 ? `${scope.join(' AND ')} AND (${match})` : match;
      const rows = search.all(full, query.limit) as { id: number; rank: number }[];
      return rows.map((r) => ({ passageId: Number(r.id), score: -r.rank }));
    },

    docFreq(terms: string[]): Map<string, number> {
      return new Map([...termStats(terms)].map(([term, stats]) => [term, stats.docs]));
    },

    termStats,
  };
}

/**
 * A phrase's pairs are walked together, each list skipping ahead to the next
 * passage the others hold: a long list is read only so far beyond the rarest
 * pair's length, this many times it (measured on 300k passages: `lao động
 * ngoài nước` costs about what 30,000 postings do, `lao_dong` alone 134,000).
 */
const PHRASE_SKIP_FACTOR = 8;

function statsOf(tokenDocs: number[]): TermStats {
  if (tokenDocs.length === 0) return { docs: 0, postings: 0 };
  const rarest = Math.min(...tokenDocs);
  if (tokenDocs.length === 1) return { docs: rarest, postings: rarest };
  const postings = tokenDocs.reduce((sum, n) => sum + Math.min(n, PHRASE_SKIP_FACTOR * rarest), 0);
  return { docs: rarest, postings };
}
