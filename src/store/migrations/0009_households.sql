-- Households, grids and visits (DOMAIN.md D5): the household registry with its members (people
-- from the shared person registry, so ID numbers stay encrypted in one place), the audited status
-- history (建档立卡 → 脱贫 → 监测 → 风险消除), split/merge links, grids with the party member who
-- links each household, visits (巡村访户) with satisfaction, and follow-up items from visits.

CREATE TABLE households (
  id               ID_PK,
  village_code     TEXT NOT NULL REFERENCES regions(code),
  villager_group   TEXT NOT NULL DEFAULT '',      -- 村民小组, e.g. "一组"
  address          TEXT NOT NULL DEFAULT '',
  latitude         DOUBLE PRECISION,
  longitude        DOUBLE PRECISION,
  income_per_head  DOUBLE PRECISION,              -- yuan per head per year
  income_year      INTEGER,
  measures         TEXT NOT NULL DEFAULT '',      -- assistance measures, comma-separated codes
  status           TEXT NOT NULL CHECK (status IN ('ordinary', 'registered_poor', 'lifted', 'monitored', 'risk_removed')),
  risk_type        TEXT CHECK (risk_type IN ('unstable', 'marginal', 'sudden')),
  status_since     TEXT NOT NULL,                 -- date of the last status change
  registered_year  INTEGER,                       -- year first registered poor (建档立卡), kept for good
  monitored_since  TEXT,                          -- date identified as a monitoring object
  active           INTEGER NOT NULL DEFAULT 1,    -- 0: merged into another or dissolved; kept for history
  created_at       BIGINT NOT NULL
);
CREATE INDEX households_village ON households(village_code, active, villager_group);
CREATE INDEX households_status ON households(status, village_code);

CREATE TABLE household_members (
  id            ID_PK,
  household_id  BIGINT NOT NULL REFERENCES households(id),
  person_id     BIGINT NOT NULL REFERENCES people(id),
  relation      TEXT NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent',
                                                  'grandparent', 'sibling', 'other')),
  labour        TEXT NOT NULL DEFAULT '' CHECK (labour IN ('', 'full', 'weak', 'none', 'no_need')),
  health        TEXT NOT NULL DEFAULT '' CHECK (health IN ('', 'healthy', 'chronic', 'serious', 'disabled')),
  schooling     TEXT NOT NULL DEFAULT '',
  active        INTEGER NOT NULL DEFAULT 1,
  since         TEXT NOT NULL
);
-- A person belongs to one household at a time.
CREATE UNIQUE INDEX household_members_one_household ON household_members(person_id) WHERE active = 1;
CREATE INDEX household_members_household ON household_members(household_id, active);

CREATE TABLE household_status_history (
  id            ID_PK,
  household_id  BIGINT NOT NULL REFERENCES households(id),
  on_date       TEXT NOT NULL,
  from_status   TEXT,
  to_status     TEXT NOT NULL,
  risk_type     TEXT,
  reason        TEXT NOT NULL,
  approver      TEXT NOT NULL,
  user_id       BIGINT,
  at            BIGINT NOT NULL
);
CREATE INDEX household_status_history_household ON household_status_history(household_id, id);
CREATE INDEX household_status_history_date ON household_status_history(on_date, to_status);

-- Splits and merges: the old household stays, linked to the new one; moved members keep their row.
CREATE TABLE household_links (
  id              ID_PK,
  kind            TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
  from_household  BIGINT NOT NULL REFERENCES households(id),
  to_household    BIGINT NOT NULL REFERENCES households(id),
  member_ids      TEXT NOT NULL DEFAULT '',
  on_date         TEXT NOT NULL,
  reason          TEXT NOT NULL DEFAULT '',
  at              BIGINT NOT NULL
);
CREATE INDEX household_links_from ON household_links(from_household);
CREATE INDEX household_links_to ON household_links(to_household);

CREATE TABLE grids (
  id            ID_PK,
  village_code  TEXT NOT NULL REFERENCES regions(code),
  name          TEXT NOT NULL,
  ordinal       INTEGER NOT NULL,
  UNIQUE (village_code, name)
);

-- Which grid a household is in and which party member links it (党员联系户).
CREATE TABLE grid_assignments (
  household_id      BIGINT PRIMARY KEY REFERENCES households(id),
  village_code      TEXT NOT NULL,
  grid_id           BIGINT NOT NULL REFERENCES grids(id),
  member_person_id  BIGINT REFERENCES people(id),
  manual            INTEGER NOT NULL DEFAULT 0,
  assigned_at       BIGINT NOT NULL
);
CREATE INDEX grid_assignments_village ON grid_assignments(village_code, grid_id);
CREATE INDEX grid_assignments_member ON grid_assignments(member_person_id);
-- Deleting a village's grids checks the foreign key from every assignment: without this index
-- that is a scan of all assignments per grid.
CREATE INDEX grid_assignments_grid ON grid_assignments(grid_id);

CREATE TABLE visits (
  id                 ID_PK,
  household_id       BIGINT NOT NULL REFERENCES households(id),
  village_code       TEXT NOT NULL,
  day                TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('routine', 'leader', 'festival')),
  satisfaction       TEXT NOT NULL CHECK (satisfaction IN ('satisfied', 'basic', 'unsatisfied')),
  problems           TEXT NOT NULL DEFAULT '',
  visitor_user_id    BIGINT,
  visitor_person_id  BIGINT,
  visitor_name       TEXT NOT NULL,
  visitor_is_leader  INTEGER NOT NULL DEFAULT 0,
  created_at         BIGINT NOT NULL
);
CREATE INDEX visits_village_day ON visits(village_code, day);
CREATE INDEX visits_household_day ON visits(household_id, day);
CREATE INDEX visits_leader_day ON visits(visitor_is_leader, day);

CREATE TABLE follow_ups (
  id            ID_PK,
  visit_id      BIGINT NOT NULL REFERENCES visits(id),
  household_id  BIGINT NOT NULL REFERENCES households(id),
  village_code  TEXT NOT NULL,
  problem       TEXT NOT NULL,
  owner         TEXT NOT NULL,
  deadline      TEXT NOT NULL,
  result        TEXT NOT NULL DEFAULT '',
  closed_on     TEXT,
  created_at    BIGINT NOT NULL
);
CREATE INDEX follow_ups_village ON follow_ups(village_code, closed_on);
