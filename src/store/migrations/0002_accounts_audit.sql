-- Personal data of accounts (encrypted; see auth/pii_crypto.h) and the tamper-evident audit log.

ALTER TABLE users ADD COLUMN phone_enc TEXT;
ALTER TABLE users ADD COLUMN id_number_enc TEXT;
ALTER TABLE users ADD COLUMN id_number_hash TEXT;   -- keyed hash: search by full ID number
ALTER TABLE users ADD COLUMN id_number_flag TEXT;   -- 'legacy15' for old 15-digit numbers
CREATE INDEX users_id_number_hash ON users(id_number_hash);
CREATE INDEX users_scope ON users(scope_code);

-- Append-only; each row's hash covers its content and the previous row's hash, so a changed or
-- removed row breaks the chain (`zhenxing audit verify`). ids are assigned by the single writer
-- in order, without gaps.
CREATE TABLE audit_log (
  id           BIGINT PRIMARY KEY,
  at           BIGINT NOT NULL,
  user_id      BIGINT,
  username     TEXT NOT NULL,
  remote_addr  TEXT NOT NULL DEFAULT '',
  request_id   TEXT NOT NULL DEFAULT '',
  action       TEXT NOT NULL,
  entity       TEXT NOT NULL,
  record_id    TEXT NOT NULL,
  region_code  TEXT,
  before_json  TEXT,
  after_json   TEXT,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_region ON audit_log(region_code, at);
CREATE INDEX audit_record ON audit_log(entity, record_id);
CREATE INDEX audit_user ON audit_log(username, at);
