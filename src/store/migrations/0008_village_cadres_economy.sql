-- Village two committees (村两委), their training, and the village collective economy with the
-- cadre reward and pay tied to it (DOMAIN.md D3, D4). People come from the person registry.

-- A post held by a person in a village from term_start; a replacement (调整) or a term's end closes
-- the row (term_end, end_reason) and a new row starts, so the rows of a village are its history.
CREATE TABLE village_posts (
  id            ID_PK,
  village_code  TEXT NOT NULL REFERENCES regions(code),
  person_id     BIGINT NOT NULL REFERENCES people(id),
  post          TEXT NOT NULL CHECK (post IN ('secretary', 'director', 'deputy_secretary', 'branch_member',
                                              'committee_member', 'supervisor', 'supervisor_member')),
  term_start    TEXT NOT NULL,
  term_end      TEXT,                 -- NULL while held
  end_reason    TEXT,
  replaced_by   BIGINT,               -- the post row that took over, if a replacement
  created_at    BIGINT NOT NULL
);
CREATE INDEX village_posts_village ON village_posts(village_code, term_end);
CREATE INDEX village_posts_person ON village_posts(person_id);

-- Elections (换届): the day and the term they open.
CREATE TABLE village_elections (
  id            ID_PK,
  village_code  TEXT NOT NULL REFERENCES regions(code),
  day           TEXT NOT NULL,
  term_start    TEXT NOT NULL,
  term_end      TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  UNIQUE (village_code, day)
);

-- The yearly rating of every village secretary (县级考核).
CREATE TABLE secretary_ratings (
  id            ID_PK,
  village_code  TEXT NOT NULL REFERENCES regions(code),
  person_id     BIGINT NOT NULL REFERENCES people(id),
  year          INTEGER NOT NULL,
  rating        TEXT NOT NULL CHECK (rating IN ('excellent', 'competent', 'basic', 'incompetent')),
  comment       TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  UNIQUE (village_code, person_id, year)
);

-- Training classes; region_code is the region that keeps the record, level who ran the class.
CREATE TABLE training_classes (
  id           ID_PK,
  region_code  TEXT NOT NULL REFERENCES regions(code),
  level        TEXT NOT NULL CHECK (level IN ('central', 'provincial', 'city', 'county', 'township')),
  organizer    TEXT NOT NULL,
  title        TEXT NOT NULL,
  topic        TEXT NOT NULL DEFAULT '',
  start_day    TEXT NOT NULL,
  end_day      TEXT NOT NULL,
  hours        DOUBLE PRECISION NOT NULL CHECK (hours > 0),
  created_at   BIGINT NOT NULL
);
CREATE INDEX training_classes_region ON training_classes(region_code, start_day);

CREATE TABLE training_trainees (
  id              ID_PK,
  class_id        BIGINT NOT NULL REFERENCES training_classes(id),
  person_id       BIGINT NOT NULL REFERENCES people(id),
  attendance      TEXT NOT NULL CHECK (attendance IN ('enrolled', 'attended', 'absent')),
  certificate_no  TEXT,
  UNIQUE (class_id, person_id)
);
CREATE INDEX training_trainees_person ON training_trainees(person_id);

-- Yearly collective income per village by item, with the evidence it rests on.
CREATE TABLE collective_income (
  id               ID_PK,
  village_code     TEXT NOT NULL REFERENCES regions(code),
  year             INTEGER NOT NULL,
  item             TEXT NOT NULL CHECK (item IN ('operating', 'contracting', 'investment', 'subsidy', 'other')),
  amount_yuan      BIGINT NOT NULL CHECK (amount_yuan >= 0),
  evidence_name    TEXT,
  evidence_sha256  TEXT,
  updated_at       BIGINT NOT NULL,
  UNIQUE (village_code, year, item)
);

-- Targets (share of villages at 50,000+ and 100,000+) per region; the nearest rule up the tree.
CREATE TABLE income_targets (
  region_code  TEXT PRIMARY KEY REFERENCES regions(code),
  pct_50k      DOUBLE PRECISION NOT NULL CHECK (pct_50k BETWEEN 0 AND 100),
  pct_100k     DOUBLE PRECISION NOT NULL CHECK (pct_100k BETWEEN 0 AND 100)
);

-- Per county: the reward rate (basis points, at most 15%) and the retired cadres' subsidy rate.
CREATE TABLE economy_rates (
  region_code              TEXT PRIMARY KEY REFERENCES regions(code),
  reward_rate_bp           INTEGER NOT NULL CHECK (reward_rate_bp BETWEEN 0 AND 1500),
  retired_yuan_per_year_month  INTEGER NOT NULL CHECK (retired_yuan_per_year_month BETWEEN 0 AND 1000)
);

-- The contribution reward (贡献补贴奖) of a village for a year, and each cadre's line.
CREATE TABLE reward_sheets (
  id            ID_PK,
  village_code  TEXT NOT NULL REFERENCES regions(code),
  year          INTEGER NOT NULL,
  income_yuan   BIGINT NOT NULL,
  rate_bp       INTEGER NOT NULL,
  pool_yuan     BIGINT NOT NULL,
  floor_yuan    BIGINT,
  cap_yuan      BIGINT,
  paid_yuan     BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  UNIQUE (village_code, year)
);

CREATE TABLE reward_lines (
  id           ID_PK,
  sheet_id     BIGINT NOT NULL REFERENCES reward_sheets(id),
  person_id    BIGINT NOT NULL REFERENCES people(id),
  score        DOUBLE PRECISION NOT NULL CHECK (score >= 0),
  amount_yuan  BIGINT NOT NULL CHECK (amount_yuan >= 0),
  UNIQUE (sheet_id, person_id)
);

-- Monthly pay per village class and post for a county (without one, the built-in defaults).
CREATE TABLE pay_scales (
  region_code   TEXT NOT NULL REFERENCES regions(code),
  income_class  TEXT NOT NULL CHECK (income_class IN ('none', 'under_50k', '50k_100k', '100k_plus')),
  post          TEXT NOT NULL,
  monthly_yuan  BIGINT NOT NULL CHECK (monthly_yuan BETWEEN 0 AND 100000),
  PRIMARY KEY (region_code, income_class, post)
);

-- Former village cadres who draw the retirement subsidy (离任村干部补贴).
CREATE TABLE retired_cadres (
  id            ID_PK,
  village_code  TEXT NOT NULL REFERENCES regions(code),
  person_id     BIGINT NOT NULL REFERENCES people(id),
  years_served  INTEGER NOT NULL CHECK (years_served BETWEEN 1 AND 60),
  left_on       TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  UNIQUE (person_id)
);
