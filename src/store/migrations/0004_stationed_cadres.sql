-- Stationed cadres (DOMAIN.md D2): the person registry shared by all modules, sending units,
-- dispatch batches and dispatches with their history, pairings, presence (check-ins, leave,
-- work logs) and the presence rules per region.

CREATE TABLE people (
  id              ID_PK,
  name            TEXT NOT NULL,
  sex             TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date      TEXT,
  id_number_enc   TEXT,
  id_number_hash  TEXT UNIQUE,          -- keyed hash: one person per ID number
  id_number_flag  TEXT,
  phone_enc       TEXT,
  party_member    INTEGER NOT NULL DEFAULT 0,
  education       TEXT NOT NULL DEFAULT '',
  work_unit       TEXT NOT NULL DEFAULT '',
  region_code     TEXT NOT NULL REFERENCES regions(code),  -- where the record is kept (scope)
  created_at      BIGINT NOT NULL
);
CREATE INDEX people_region ON people(region_code);
CREATE INDEX people_name ON people(name);

ALTER TABLE users ADD COLUMN person_id BIGINT REFERENCES people(id);

CREATE TABLE sending_units (
  id           ID_PK,
  name         TEXT NOT NULL,
  level        TEXT NOT NULL CHECK (level IN ('central', 'provincial', 'city', 'county', 'enterprise')),
  region_code  TEXT NOT NULL REFERENCES regions(code),
  UNIQUE (region_code, name)
);

CREATE TABLE dispatch_batches (
  id           ID_PK,
  name         TEXT NOT NULL,
  year         INTEGER NOT NULL,
  region_code  TEXT NOT NULL REFERENCES regions(code),
  created_at   BIGINT NOT NULL,
  UNIQUE (region_code, name)
);

CREATE TABLE dispatches (
  id               ID_PK,
  person_id        BIGINT NOT NULL REFERENCES people(id),
  village_code     TEXT NOT NULL REFERENCES regions(code),
  role             TEXT NOT NULL CHECK (role IN ('first_secretary', 'team_leader', 'team_member')),
  sending_unit_id  BIGINT NOT NULL REFERENCES sending_units(id),
  batch_id         BIGINT REFERENCES dispatch_batches(id),
  term_start       TEXT NOT NULL,
  term_end         TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('in_post', 'rotated', 'recalled', 'term_ended')),
  status_reason    TEXT NOT NULL DEFAULT '',
  insured          INTEGER NOT NULL DEFAULT 0,
  created_at       BIGINT NOT NULL
);
CREATE INDEX dispatches_village ON dispatches(village_code, status);
CREATE INDEX dispatches_person ON dispatches(person_id, status);

CREATE TABLE dispatch_history (
  id           ID_PK,
  dispatch_id  BIGINT NOT NULL REFERENCES dispatches(id),
  at           BIGINT NOT NULL,
  from_status  TEXT,
  to_status    TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  user_id      BIGINT
);
CREATE INDEX dispatch_history_dispatch ON dispatch_history(dispatch_id, id);

-- 包联: county leaders, departments and enterprises paired with villages, with the letter (双签).
CREATE TABLE pairings (
  id                ID_PK,
  village_code      TEXT NOT NULL REFERENCES regions(code),
  year              INTEGER NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('county_leader', 'department', 'enterprise')),
  partner           TEXT NOT NULL,
  letter_signed_on  TEXT,
  UNIQUE (village_code, year, kind, partner)
);

-- The nearest rule up the tree applies; with none, the defaults in modules/presence/presence_rules.h.
CREATE TABLE presence_rules (
  region_code   TEXT PRIMARY KEY REFERENCES regions(code),
  min_days      INTEGER NOT NULL CHECK (min_days BETWEEN 1 AND 31),
  warning_days  INTEGER NOT NULL CHECK (warning_days BETWEEN 0 AND 31),
  radius_m      INTEGER NOT NULL CHECK (radius_m BETWEEN 50 AND 50000)
);

-- A check-in made offline is uploaded later: device_time is when it happened on the phone,
-- server_time when it arrived. client_id (made on the phone) makes uploads idempotent.
CREATE TABLE checkins (
  id            ID_PK,
  client_id     TEXT NOT NULL UNIQUE,
  dispatch_id   BIGINT NOT NULL REFERENCES dispatches(id),
  person_id     BIGINT NOT NULL,
  village_code  TEXT NOT NULL,
  day           TEXT NOT NULL,            -- local date (UTC+8) of device_time
  device_time   BIGINT NOT NULL,
  server_time   BIGINT NOT NULL,
  latitude      DOUBLE PRECISION NOT NULL,
  longitude     DOUBLE PRECISION NOT NULL,
  accuracy_m    DOUBLE PRECISION,
  distance_m    DOUBLE PRECISION NOT NULL,
  within        INTEGER NOT NULL,         -- inside the village's radius
  late          INTEGER NOT NULL          -- uploaded more than an hour after it was made
);
CREATE INDEX checkins_dispatch_day ON checkins(dispatch_id, day);
CREATE INDEX checkins_village_day ON checkins(village_code, day);

CREATE TABLE leaves (
  id            ID_PK,
  dispatch_id   BIGINT NOT NULL REFERENCES dispatches(id),
  village_code  TEXT NOT NULL,
  start_day     TEXT NOT NULL,
  end_day       TEXT NOT NULL,
  days          INTEGER NOT NULL,
  reason        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'township_approved', 'approved', 'rejected', 'cancelled')),
  needs_county  INTEGER NOT NULL,
  returned_on   TEXT,
  requested_at  BIGINT NOT NULL,
  decided_at    BIGINT
);
CREATE INDEX leaves_dispatch ON leaves(dispatch_id, start_day);
CREATE INDEX leaves_village ON leaves(village_code, status);

CREATE TABLE leave_approvals (
  id        ID_PK,
  leave_id  BIGINT NOT NULL REFERENCES leaves(id),
  level     TEXT NOT NULL CHECK (level IN ('township', 'county')),
  decision  TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
  comment   TEXT NOT NULL DEFAULT '',
  user_id   BIGINT NOT NULL,
  at        BIGINT NOT NULL
);

-- One dated entry, tagged with the duties it serves, appears in every ledger it belongs to.
CREATE TABLE work_logs (
  id            ID_PK,
  dispatch_id   BIGINT NOT NULL REFERENCES dispatches(id),
  person_id     BIGINT NOT NULL,
  village_code  TEXT NOT NULL,
  day           TEXT NOT NULL,
  in_village    INTEGER NOT NULL,
  tags          TEXT NOT NULL DEFAULT '',  -- comma-separated duty tags
  content       TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX work_logs_dispatch_day ON work_logs(dispatch_id, day);
CREATE INDEX work_logs_village_day ON work_logs(village_code, day);
