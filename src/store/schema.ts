/** Bump when the tables change; an older store is rebuilt from the reports. */
export const STORE_SCHEMA_VERSION = 2;

/**
 * The corpus store. Passages are indexed twice for FTS5: `body_fold` holds the
 * accent-free form (folds `đ` too, which FTS5's own `remove_diacritics` does not),
 * `body_canon` the accented form with one tone placement. Queries typed with
 * accents weigh the accented column, so `bệnh viện` does not meet `bệnh, tật`.
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

-- scope holds the passage's document as a token (d12): a province filter ANDed
-- inside the match lets FTS5 skip other documents instead of scoring them all.
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
  heading, body_canon, body_fold, scope,
  tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages_fts, 'row');

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
