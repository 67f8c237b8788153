-- Tasks handed down the tree (任务交办), supervision (督查: groups, plans, inspections, findings,
-- follow-up, sign-off, interviews), responsibility lists (责任清单 and 述职评议), the command
-- structure (指挥部, 指挥所, thematic groups, leaders' areas) and the cycles that open work on time
-- (周调度、月通报、季督查). DOMAIN.md D6.

-- A task is issued by the unit at issuer_region to receivers strictly below it. A receiver may
-- pass it on to its own subtree: that makes a child task whose parent_receiver_id is the receiver,
-- and every task of one tree shares root_task_id, so the issuer sees the whole tree in one query.
CREATE TABLE tasks (
  id                  ID_PK,
  root_task_id        BIGINT,                 -- own id for a top task (set right after insert)
  parent_receiver_id  BIGINT,                 -- task_receivers.id this task was passed down from
  issuer_region       TEXT NOT NULL REFERENCES regions(code),
  issuer_user_id      BIGINT NOT NULL,
  issuer_unit         TEXT NOT NULL,          -- e.g. 竹山县委组织部
  title               TEXT NOT NULL,
  content             TEXT NOT NULL,
  deadline            TEXT NOT NULL,          -- 'YYYY-MM-DD', the last day (China time)
  evidence_required   TEXT NOT NULL DEFAULT '',
  form_json           TEXT NOT NULL DEFAULT '[]',  -- [{name,label,type,required,indicator?}]
  cycle_id            BIGINT,                 -- opened by a cycle (task_cycles), with its period
  period              TEXT,
  created_at          BIGINT NOT NULL
);
CREATE INDEX tasks_issuer ON tasks(issuer_region, created_at);
CREATE INDEX tasks_root ON tasks(root_task_id);
CREATE INDEX tasks_parent ON tasks(parent_receiver_id);
CREATE UNIQUE INDEX tasks_cycle_period ON tasks(cycle_id, period);

CREATE TABLE task_receivers (
  id             ID_PK,
  task_id        BIGINT NOT NULL REFERENCES tasks(id),
  root_task_id   BIGINT NOT NULL,
  region_code    TEXT NOT NULL REFERENCES regions(code),
  user_id        BIGINT REFERENCES users(id),   -- a named person to act, optional
  status         TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'done')),
  answers_json   TEXT NOT NULL DEFAULT '{}',    -- the latest answers to the task's form
  passed_down    INTEGER NOT NULL DEFAULT 0,
  last_report_at BIGINT,
  closed_at      BIGINT,
  closing_note   TEXT NOT NULL DEFAULT '',
  UNIQUE (task_id, region_code)
);
CREATE INDEX task_receivers_region ON task_receivers(region_code, status);
CREATE INDEX task_receivers_root ON task_receivers(root_task_id);

CREATE TABLE task_reports (
  id            ID_PK,
  receiver_id   BIGINT NOT NULL REFERENCES task_receivers(id),
  at            BIGINT NOT NULL,
  user_id       BIGINT NOT NULL,
  text          TEXT NOT NULL,
  answers_json  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX task_reports_receiver ON task_reports(receiver_id, at);

-- Evidence files, kept in the database (base64) so a backup of the database is a backup of all.
-- owner_kind: 'task_receiver' or 'finding'.
CREATE TABLE attachments (
  id             ID_PK,
  owner_kind     TEXT NOT NULL CHECK (owner_kind IN ('task_receiver', 'finding')),
  owner_id       BIGINT NOT NULL,
  region_code    TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  content_type   TEXT NOT NULL,
  size_bytes     BIGINT NOT NULL,
  sha256         TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  user_id        BIGINT NOT NULL,
  created_at     BIGINT NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

-- An overdue receiver escalates to the issuer exactly once: the unique key is the guarantee.
CREATE TABLE task_escalations (
  id            ID_PK,
  receiver_id   BIGINT NOT NULL UNIQUE REFERENCES task_receivers(id),
  task_id       BIGINT NOT NULL REFERENCES tasks(id),
  issuer_region TEXT NOT NULL,
  at            BIGINT NOT NULL,
  days_overdue  INTEGER NOT NULL
);

CREATE TABLE notifications (
  id           ID_PK,
  region_code  TEXT NOT NULL,          -- the unit that should see it
  user_id      BIGINT,                 -- or one account
  kind         TEXT NOT NULL,          -- task_overdue, task_issued, finding_due, ...
  ref_id       BIGINT,
  message      TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  read_at      BIGINT
);
CREATE INDEX notifications_region ON notifications(region_code, created_at);

-- Cycles: a schedule that opens a task for each period (weekly on Monday for the week before,
-- monthly on the 1st, quarterly on the first day of the quarter). tasks(cycle_id, period) is
-- unique, so a period is never opened twice.
CREATE TABLE task_cycles (
  id                 ID_PK,
  issuer_region      TEXT NOT NULL REFERENCES regions(code),
  issuer_user_id     BIGINT NOT NULL,
  issuer_unit        TEXT NOT NULL,
  frequency          TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly')),
  title              TEXT NOT NULL,
  content            TEXT NOT NULL,
  evidence_required  TEXT NOT NULL DEFAULT '',
  form_json          TEXT NOT NULL DEFAULT '[]',
  receivers_json     TEXT NOT NULL,      -- ["420323100000", ...]
  due_days           INTEGER NOT NULL,   -- deadline = opening day + due_days
  starts_on          TEXT NOT NULL,
  active             INTEGER NOT NULL DEFAULT 1,
  created_at         BIGINT NOT NULL
);

-- Supervision 督查.
CREATE TABLE inspection_groups (
  id           ID_PK,
  region_code  TEXT NOT NULL REFERENCES regions(code),   -- the county (or township) that set it up
  name         TEXT NOT NULL,
  year         INTEGER NOT NULL,
  created_at   BIGINT NOT NULL,
  UNIQUE (region_code, name, year)
);

CREATE TABLE inspection_group_members (
  id         ID_PK,
  group_id   BIGINT NOT NULL REFERENCES inspection_groups(id),
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('leader', 'member')),
  user_id    BIGINT REFERENCES users(id),
  person_id  BIGINT REFERENCES people(id),
  work_unit  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_group_members_group ON inspection_group_members(group_id);

CREATE TABLE inspection_plans (
  id            ID_PK,
  group_id      BIGINT NOT NULL REFERENCES inspection_groups(id),
  region_code   TEXT NOT NULL,            -- the group's region
  title         TEXT NOT NULL,
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  targets_json  TEXT NOT NULL,            -- ["420323100000", ...]
  created_at    BIGINT NOT NULL
);

CREATE TABLE inspections (
  id           ID_PK,
  group_id     BIGINT NOT NULL REFERENCES inspection_groups(id),
  plan_id      BIGINT REFERENCES inspection_plans(id),
  region_code  TEXT NOT NULL REFERENCES regions(code),   -- the region inspected
  kind         TEXT NOT NULL CHECK (kind IN ('open', 'unannounced')),   -- 明查 / 暗访
  day          TEXT NOT NULL,
  notes        TEXT NOT NULL DEFAULT '',
  created_at   BIGINT NOT NULL
);
CREATE INDEX inspections_region ON inspections(region_code, day);

CREATE TABLE findings (
  id              ID_PK,
  inspection_id   BIGINT NOT NULL REFERENCES inspections(id),
  region_code     TEXT NOT NULL REFERENCES regions(code),   -- the owner region
  owner_unit      TEXT NOT NULL,
  category        TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'serious')),
  description     TEXT NOT NULL,
  deadline        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('open', 'rectifying', 'signed_off', 'closed')),
  repeat_count    INTEGER NOT NULL DEFAULT 0,   -- earlier findings of the category in the region within a year
  found_on        TEXT NOT NULL,
  signed_off_by   TEXT,
  signed_off_user BIGINT,
  signed_off_at   BIGINT,
  sign_off_note   TEXT NOT NULL DEFAULT '',
  closed_at       BIGINT,
  created_at      BIGINT NOT NULL
);
CREATE INDEX findings_region ON findings(region_code, category, found_on);

CREATE TABLE finding_followups (
  id          ID_PK,
  finding_id  BIGINT NOT NULL REFERENCES findings(id),
  at          BIGINT NOT NULL,
  user_id     BIGINT NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX finding_followups_finding ON finding_followups(finding_id);

CREATE TABLE interviews (
  id           ID_PK,
  region_code  TEXT NOT NULL REFERENCES regions(code),   -- the region of the one interviewed
  interviewer  TEXT NOT NULL,
  interviewee  TEXT NOT NULL,
  day          TEXT NOT NULL,
  reason       TEXT NOT NULL,
  result       TEXT NOT NULL DEFAULT '',
  finding_id   BIGINT REFERENCES findings(id),
  created_at   BIGINT NOT NULL
);
CREATE INDEX interviews_region ON interviews(region_code, day);

-- Responsibility lists 责任清单 of party secretaries, signed at the start of the year by both
-- sides and rated at year end (述职评议).
CREATE TABLE responsibility_lists (
  id                   ID_PK,
  region_code          TEXT NOT NULL REFERENCES regions(code),
  level                TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
  year                 INTEGER NOT NULL,
  secretary_name       TEXT NOT NULL,
  secretary_signed_on  TEXT,
  superior_name        TEXT NOT NULL DEFAULT '',
  superior_signed_on   TEXT,
  year_end_report      TEXT NOT NULL DEFAULT '',
  rating               TEXT CHECK (rating IN ('good', 'fairly_good', 'average', 'poor')),
  rated_on             TEXT,
  created_at           BIGINT NOT NULL,
  UNIQUE (region_code, year)
);

CREATE TABLE responsibility_items (
  id             ID_PK,
  list_id        BIGINT NOT NULL REFERENCES responsibility_lists(id),
  content        TEXT NOT NULL,
  progress_note  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX responsibility_items_list ON responsibility_items(list_id);

-- Command structure 指挥体系: county command, township posts, village posts, thematic groups.
CREATE TABLE command_units (
  id           ID_PK,
  region_code  TEXT NOT NULL REFERENCES regions(code),
  kind         TEXT NOT NULL CHECK (kind IN ('county_command', 'office', 'thematic_group', 'township_post', 'village_post')),
  name         TEXT NOT NULL,
  theme        TEXT NOT NULL DEFAULT '',
  parent_id    BIGINT REFERENCES command_units(id),
  UNIQUE (region_code, kind, name)
);

CREATE TABLE command_members (
  id         ID_PK,
  unit_id    BIGINT NOT NULL REFERENCES command_units(id),
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
  title      TEXT NOT NULL DEFAULT '',
  user_id    BIGINT REFERENCES users(id)
);
CREATE INDEX command_members_unit ON command_members(unit_id);

-- Each county leader guides an area (分片指导): one row per region guided.
CREATE TABLE leader_areas (
  id           ID_PK,
  county_code  TEXT NOT NULL REFERENCES regions(code),
  leader_name  TEXT NOT NULL,
  title        TEXT NOT NULL DEFAULT '',
  region_code  TEXT NOT NULL REFERENCES regions(code),
  UNIQUE (leader_name, region_code)
);
