-- Looking after stationed cadres: half-yearly talks (谈心谈话), half-year and annual evaluations
-- with the evidence they were based on, improvement plans, awards, and work funds with spending.

CREATE TABLE talks (
  id           ID_PK,
  dispatch_id  BIGINT NOT NULL REFERENCES dispatches(id),
  half         TEXT NOT NULL,             -- '2026-H1' or '2026-H2'
  day          TEXT NOT NULL,
  talker       TEXT NOT NULL,
  notes        TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX talks_dispatch ON talks(dispatch_id, half);

CREATE TABLE evaluations (
  id             ID_PK,
  dispatch_id    BIGINT NOT NULL REFERENCES dispatches(id),
  village_code   TEXT NOT NULL,
  period         TEXT NOT NULL,           -- '2026-H1', '2026-H2' or '2026'
  rating         TEXT NOT NULL CHECK (rating IN ('excellent', 'competent', 'basic', 'incompetent')),
  evidence_json  TEXT NOT NULL,
  comment        TEXT NOT NULL DEFAULT '',
  created_at     BIGINT NOT NULL,
  UNIQUE (dispatch_id, period)
);
CREATE INDEX evaluations_village ON evaluations(village_code, period);

CREATE TABLE improvement_plans (
  id             ID_PK,
  evaluation_id  BIGINT NOT NULL REFERENCES evaluations(id),
  dispatch_id    BIGINT NOT NULL REFERENCES dispatches(id),
  measures       TEXT NOT NULL,
  due_day        TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('open', 'closed'))
);

CREATE TABLE awards (
  id           ID_PK,
  person_id    BIGINT NOT NULL REFERENCES people(id),
  region_code  TEXT NOT NULL REFERENCES regions(code),
  year         INTEGER NOT NULL,
  title        TEXT NOT NULL,
  UNIQUE (person_id, year, title)
);

-- Work funds: 10,000 yuan a year per first secretary (seed 000), 50,000 per team (seed 001).
CREATE TABLE fund_budgets (
  id            ID_PK,
  dispatch_id   BIGINT NOT NULL REFERENCES dispatches(id),
  village_code  TEXT NOT NULL,
  year          INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('first_secretary', 'team')),
  amount_yuan   BIGINT NOT NULL CHECK (amount_yuan >= 0),
  UNIQUE (dispatch_id, year, kind)
);

CREATE TABLE fund_spending (
  id           ID_PK,
  budget_id    BIGINT NOT NULL REFERENCES fund_budgets(id),
  day          TEXT NOT NULL,
  amount_yuan  BIGINT NOT NULL CHECK (amount_yuan > 0),
  purpose      TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX fund_spending_budget ON fund_spending(budget_id);
