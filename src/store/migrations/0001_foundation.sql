-- Foundation: the administrative tree, accounts and sessions, and a key-value table for settings.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per region: the country, 31 provinces ... 620,573 villages. Canonical 12-digit codes
-- sort in depth-first order, so a subtree is the code range [low, high] (see core/region_code.h).
-- Descendant counts are kept per row at import so region pages answer without scanning.
CREATE TABLE regions (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  level         INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
  parent_code   TEXT REFERENCES regions(code),
  initials      TEXT NOT NULL DEFAULT '',   -- pinyin initials of the name, lower case (太白县 -> tbx)
  n_province    INTEGER NOT NULL DEFAULT 0,
  n_city        INTEGER NOT NULL DEFAULT 0,
  n_county      INTEGER NOT NULL DEFAULT 0,
  n_township    INTEGER NOT NULL DEFAULT 0,
  n_village     INTEGER NOT NULL DEFAULT 0,
  n_children    INTEGER NOT NULL DEFAULT 0,
  latitude      DOUBLE PRECISION,  -- REAL affinity in SQLite; 8 bytes in PostgreSQL (its REAL is 4)
  longitude     DOUBLE PRECISION
);
CREATE INDEX regions_parent ON regions(parent_code, code);
CREATE INDEX regions_name ON regions(name);
CREATE INDEX regions_initials ON regions(initials);

INSERT INTO regions(code, name, level, parent_code) VALUES ('000000000000', '全国', 0, NULL);

CREATE TABLE users (
  id                    ID_PK,
  username              TEXT NOT NULL UNIQUE,
  display_name          TEXT NOT NULL,
  password_hash         TEXT NOT NULL,
  scope_code            TEXT NOT NULL REFERENCES regions(code),
  roles                 TEXT NOT NULL,            -- comma-separated role names
  must_change_password  INTEGER NOT NULL DEFAULT 1,
  failed_logins         INTEGER NOT NULL DEFAULT 0,
  locked_until          BIGINT NOT NULL DEFAULT 0, -- Unix seconds
  disabled              INTEGER NOT NULL DEFAULT 0,
  created_at            BIGINT NOT NULL,
  password_changed_at   BIGINT NOT NULL
);

-- Only a hash of the session token is stored: a copy of the database does not let anyone log in.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  last_seen    BIGINT NOT NULL,
  remote_addr  TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_log (
  id           ID_PK,
  at           BIGINT NOT NULL,
  username     TEXT NOT NULL,
  user_id      BIGINT,
  remote_addr  TEXT NOT NULL DEFAULT '',
  outcome      TEXT NOT NULL   -- ok, bad_password, unknown_user, locked, disabled
);
CREATE INDEX login_log_at ON login_log(at);
