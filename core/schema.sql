-- The index of a course. A cache of the lesson files: every table can be
-- rebuilt from them. The version is PRAGMA user_version (set by store.c);
-- an index of any other version is rebuilt, never read.
--
-- Child tables are keyed (lesson, seq) WITHOUT ROWID, so all of a lesson's
-- rows sit together and replacing a lesson is a range delete.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

-- One row per lesson file.
CREATE TABLE lessons (
  lesson         INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,  -- 07-module-7/04-multi-database-architecture
  alias          TEXT NOT NULL,         -- module-7/04-multi-database-architecture
  path           TEXT NOT NULL UNIQUE,  -- relative to the project root
  module_dir     TEXT NOT NULL,         -- 07-module-7 ('' at the top level)
  module         INTEGER NOT NULL,      -- 7 (0 when the folder has no number)
  module_rank    INTEGER NOT NULL,      -- position of the module in course order
  ord            NUMERIC,                 -- frontmatter order
  title          TEXT,
  description    TEXT,
  difficulty     TEXT,
  estimated_time NUMERIC,                 -- minutes
  frontmatter    TEXT NOT NULL,         -- JSON object of every key
  size           INTEGER NOT NULL,
  lines          INTEGER NOT NULL,
  words          INTEGER NOT NULL,
  hash           TEXT NOT NULL,         -- of the content, hex
  mtime_ns       INTEGER NOT NULL
);
CREATE INDEX lessons_alias ON lessons(alias);
CREATE INDEX lessons_order ON lessons(module_rank, ord, id);

-- Every frontmatter key, typed, with where its value is written.
CREATE TABLE fields (
  lesson      INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,            -- JSON
  type        TEXT NOT NULL,            -- string, integer, number, boolean, null, list, object
  style       TEXT NOT NULL,            -- plain, single, double, literal, folded, block, flow
  key_line    INTEGER NOT NULL,
  key_col     INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  col         INTEGER NOT NULL,
  value_start INTEGER NOT NULL,         -- byte offsets of the value in the file
  value_end   INTEGER NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;

CREATE TABLE prerequisites (
  lesson  INTEGER NOT NULL,
  seq     INTEGER NOT NULL,
  target  TEXT NOT NULL,                -- as written
  line    INTEGER NOT NULL,
  col     INTEGER NOT NULL,
  start   INTEGER NOT NULL,             -- byte offsets of the list item
  end     INTEGER NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;

CREATE TABLE topics (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  topic  TEXT NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;
CREATE INDEX topics_topic ON topics(topic);

CREATE TABLE headings (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  depth  INTEGER NOT NULL,
  text   TEXT NOT NULL,
  slug   TEXT NOT NULL,
  line   INTEGER NOT NULL,
  col    INTEGER NOT NULL,
  PRIMARY KEY (lesson, slug, seq)       -- keyed by slug: links look anchors up
) WITHOUT ROWID;

-- Explicit anchors: id="..." and name="..." on JSX elements.
CREATE TABLE anchors (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  anchor TEXT NOT NULL,
  line   INTEGER NOT NULL,
  col    INTEGER NOT NULL,
  PRIMARY KEY (lesson, anchor, seq)
) WITHOUT ROWID;

-- Every link out of a lesson. The resolution columns are filled by the
-- link check.
CREATE TABLE links (
  lesson        INTEGER NOT NULL,
  seq           INTEGER NOT NULL,
  kind          TEXT NOT NULL,          -- markdown, definition, jsx, asset, prerequisite, import
  url           TEXT NOT NULL,          -- as written (decoded by Markdown rules)
  line          INTEGER NOT NULL,
  col           INTEGER NOT NULL,
  url_start     INTEGER,                -- byte offsets of the URL in the file, when it is written as is
  url_end       INTEGER,
  target        TEXT,                   -- lesson id it reaches, or the asset path
  anchor        TEXT,                   -- the fragment, percent-decoded
  status        TEXT,                   -- ok, external, broken-link, broken-anchor, alias-link, ...
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;
CREATE INDEX links_target ON links(target);
-- Links to files whose existence is not yet known (set by link resolution).
CREATE INDEX links_pending ON links(target) WHERE status = 'file';
-- The prerequisite graph, read whole at every change (a few rows of many):
-- the index holds all the graph reads, so the links' own pages are not
-- (kind too: SQLite counts an index as covering only with every column the
-- query names).
CREATE INDEX links_prerequisite ON links(lesson, seq, target, line, col, status, kind)
  WHERE kind = 'prerequisite';

-- Every file a link or import points at, and whether it was there at the
-- last refresh: what a refresh with nothing changed looks at (a few rows,
-- not every link).
CREATE TABLE targets (
  target TEXT PRIMARY KEY,                 -- url:/x, path:dir/file, module:dir/file
  ok     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE imports (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  source TEXT NOT NULL,
  names  TEXT NOT NULL,                 -- JSON array of local names
  line   INTEGER NOT NULL,
  col    INTEGER NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;

-- JSX elements, at their opening tag.
CREATE TABLE components (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  name   TEXT NOT NULL,
  line   INTEGER NOT NULL,
  col    INTEGER NOT NULL,
  flow   INTEGER NOT NULL,              -- on lines of its own
  closed INTEGER NOT NULL,
  attrs  TEXT NOT NULL,                 -- JSON object: name -> string value, or {"expression": text}
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;
CREATE INDEX components_name ON components(name);

CREATE TABLE diagrams (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  form   TEXT NOT NULL,                 -- prop (chart={...}) or fence (```mermaid inside)
  type   TEXT NOT NULL,                 -- flowchart, sequenceDiagram, ...
  line   INTEGER NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;

CREATE TABLE callouts (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  type   TEXT,
  title  TEXT,
  line   INTEGER NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;

CREATE TABLE code_blocks (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  lang   TEXT NOT NULL,
  meta   TEXT NOT NULL,
  line   INTEGER NOT NULL,
  lines  INTEGER NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;

CREATE TABLE tables (
  lesson INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  line   INTEGER NOT NULL,
  rows   INTEGER NOT NULL,
  cols   INTEGER NOT NULL,
  PRIMARY KEY (lesson, seq)
) WITHOUT ROWID;

-- Problems. origin 'parse' rows belong to one lesson and change with it;
-- 'files' rows are about the content folder (unreadable files, symlinks
-- that leave the course) and 'course' rows (links, prerequisites, order)
-- are recomputed by every refresh that changed anything.
CREATE TABLE diagnostics (
  diag     INTEGER PRIMARY KEY,
  lesson   INTEGER,                     -- NULL for problems of no single lesson
  link     INTEGER,                     -- the link's seq, for problems of one link
  origin   TEXT NOT NULL,
  path     TEXT NOT NULL,
  line     INTEGER NOT NULL,
  col      INTEGER NOT NULL,
  severity TEXT NOT NULL,               -- error, warning, note
  code     TEXT NOT NULL,
  message  TEXT NOT NULL
);
CREATE INDEX diagnostics_lesson ON diagnostics(lesson);

-- The lessons' text for search is in a file of its own: search_index.c.
