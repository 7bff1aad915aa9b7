import { FTS5_SCHEMA_SQL } from './fts5LexicalIndex.js';

/** Bump when the tables change; an older store is rebuilt from the reports. */
export const STORE_SCHEMA_VERSION = 3;

/**
 * The corpus store. Documents carry their passage and figure counts, so the
 * list of documents is one plain read however large the corpus. The full-text
 * index is the lexical index's own (see fts5LexicalIndex.ts).
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  title TEXT NOT NULL,
  province TEXT,
  year INTEGER,
  period_label TEXT,
  period_key TEXT,
  period_kind TEXT,
  months INTEGER,
  source_url TEXT,
  published TEXT,
  text TEXT NOT NULL,
  warnings TEXT NOT NULL DEFAULT '[]',
  passage_count INTEGER NOT NULL DEFAULT 0,
  figure_count INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS passages (
  -- AUTOINCREMENT: a deleted passage's id is never reused, so a vector labelled with it goes stale safely.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  pid TEXT NOT NULL UNIQUE,
  n INTEGER NOT NULL,
  heading TEXT,
  text TEXT NOT NULL,
  footnotes TEXT NOT NULL DEFAULT '',
  start INTEGER NOT NULL,
  end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);

CREATE TABLE IF NOT EXISTS figures (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
  json TEXT NOT NULL,
  indicator TEXT,
  kind TEXT NOT NULL,
  value REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS figures_passage ON figures(passage_id);
CREATE INDEX IF NOT EXISTS figures_indicator ON figures(indicator);

${FTS5_SCHEMA_SQL}
CREATE TABLE IF NOT EXISTS questions (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  day TEXT NOT NULL,
  question TEXT NOT NULL,
  kind TEXT NOT NULL,
  answered INTEGER NOT NULL,
  lang TEXT NOT NULL,
  chat_type TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_day ON questions(day);

CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  question TEXT NOT NULL,
  answer_text TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  vote INTEGER NOT NULL CHECK (vote IN (-1, 1))
);
`;
