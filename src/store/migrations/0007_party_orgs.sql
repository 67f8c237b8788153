-- Village party organizations (DOMAIN.md D3): organizations with a yearly rating and its history,
-- rectification of weak and backward ones (软弱涣散/后进 整顿) with their pairing sets, the
-- standardization checklist (标准化规范化, 7 areas 29 standards) scored per organization and year,
-- and the pool of reserve cadres (后备干部).

CREATE TABLE party_orgs (
  id                   ID_PK,
  village_code         TEXT NOT NULL REFERENCES regions(code),
  name                 TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('branch', 'general_branch', 'committee')),
  members              INTEGER NOT NULL CHECK (members >= 0),
  secretary_person_id  BIGINT REFERENCES people(id),
  founded_on           TEXT,
  created_at           BIGINT NOT NULL,
  UNIQUE (village_code, name)
);

-- The rating in force, one per organization and year; every change is also in the history.
CREATE TABLE party_org_ratings (
  id            ID_PK,
  org_id        BIGINT NOT NULL REFERENCES party_orgs(id),
  village_code  TEXT NOT NULL,
  year          INTEGER NOT NULL,
  rating        TEXT NOT NULL CHECK (rating IN ('advanced', 'ordinary', 'backward', 'weak')),
  UNIQUE (org_id, year)
);
CREATE INDEX party_org_ratings_village ON party_org_ratings(village_code, year);

CREATE TABLE party_org_rating_history (
  id            ID_PK,
  org_id        BIGINT NOT NULL REFERENCES party_orgs(id),
  year          INTEGER NOT NULL,
  from_rating   TEXT,
  to_rating     TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  user_id       BIGINT,
  username      TEXT NOT NULL DEFAULT '',
  at            BIGINT NOT NULL
);
CREATE INDEX party_org_rating_history_org ON party_org_rating_history(org_id, year);

-- The kinds of problems a weak organization is identified for; the 11 of the central document.
CREATE TABLE rectification_categories (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  sort    INTEGER NOT NULL,
  active  INTEGER NOT NULL DEFAULT 1
);
INSERT INTO rectification_categories(code, name, sort) VALUES
  ('secretary', '书记长期缺职或不胜任、不尽职', 1),
  ('disunity', '班子不团结、内耗严重，工作不能正常开展', 2),
  ('system', '组织制度形同虚设，组织生活不正常', 3),
  ('interference', '宗族宗教和黑恶势力干扰渗透', 4),
  ('affairs', '村务财务公开和民主管理混乱', 5),
  ('petitions', '信访矛盾集中，群体性事件多发', 6),
  ('economy', '发展集体经济无思路、无措施', 7),
  ('service', '服务意识差、服务能力弱，群众意见大', 8),
  ('members', '党员队伍管理松散，作用发挥差', 9),
  ('election', '换届选举拉票贿选问题突出', 10),
  ('other', '其他问题（巩固脱贫成果不力、乡村振兴打不开局面等）', 11);

-- One case per organization and year; the pairing set is one county leader, one first secretary,
-- one county department and one work group (一村一个工作组、一名第一书记、一个县直部门、一名县级领导).
CREATE TABLE rectification_cases (
  id                     ID_PK,
  org_id                 BIGINT NOT NULL REFERENCES party_orgs(id),
  village_code           TEXT NOT NULL,
  year                   INTEGER NOT NULL,
  rating                 TEXT NOT NULL CHECK (rating IN ('backward', 'weak')),
  reason                 TEXT NOT NULL DEFAULT '',
  leader_name            TEXT NOT NULL DEFAULT '',
  leader_post            TEXT NOT NULL DEFAULT '',
  secretary_person_id    BIGINT REFERENCES people(id),
  secretary_dispatch_id  BIGINT REFERENCES dispatches(id),
  department             TEXT NOT NULL DEFAULT '',
  work_group             TEXT NOT NULL DEFAULT '',
  status                 TEXT NOT NULL CHECK (status IN ('open', 'transformed', 'carried_over')),
  result_day             TEXT,
  result_note            TEXT NOT NULL DEFAULT '',
  carried_from           BIGINT REFERENCES rectification_cases(id),
  created_at             BIGINT NOT NULL,
  UNIQUE (org_id, year)
);
CREATE INDEX rectification_cases_village ON rectification_cases(village_code, year);

CREATE TABLE rectification_case_categories (
  case_id   BIGINT NOT NULL REFERENCES rectification_cases(id),
  category  TEXT NOT NULL REFERENCES rectification_categories(code),
  PRIMARY KEY (case_id, category)
);

CREATE TABLE rectification_measures (
  id        ID_PK,
  case_id   BIGINT NOT NULL REFERENCES rectification_cases(id),
  content   TEXT NOT NULL,
  due_day   TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX rectification_measures_case ON rectification_measures(case_id);

-- Monthly progress reports (每月汇报), one per case and month.
CREATE TABLE rectification_progress (
  id          ID_PK,
  case_id     BIGINT NOT NULL REFERENCES rectification_cases(id),
  month       TEXT NOT NULL,
  content     TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  UNIQUE (case_id, month)
);

CREATE TABLE rectification_inspections (
  id          ID_PK,
  case_id     BIGINT NOT NULL REFERENCES rectification_cases(id),
  day         TEXT NOT NULL,
  inspector   TEXT NOT NULL,
  finding     TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX rectification_inspections_case ON rectification_inspections(case_id);

-- The standardization checklist: 7 areas, 29 standards, 100 points.
CREATE TABLE party_standard_areas (
  code  TEXT PRIMARY KEY,
  name  TEXT NOT NULL,
  sort  INTEGER NOT NULL
);
INSERT INTO party_standard_areas(code, name, sort) VALUES
  ('setup', '组织设置', 1), ('team', '班子队伍', 2), ('members', '党员管理', 3), ('life', '组织生活', 4),
  ('venue', '阵地建设', 5), ('mechanism', '工作机制', 6), ('support', '保障落实', 7);

CREATE TABLE party_standards (
  code    TEXT PRIMARY KEY,
  area    TEXT NOT NULL REFERENCES party_standard_areas(code),
  title   TEXT NOT NULL,
  points  INTEGER NOT NULL CHECK (points > 0),
  sort    INTEGER NOT NULL,
  active  INTEGER NOT NULL DEFAULT 1
);
INSERT INTO party_standards(code, area, title, points, sort) VALUES
  ('S01', 'setup', '按党员人数规范设置党组织（50人以上设党总支，100人以上设党委）', 4, 1),
  ('S02', 'setup', '隶属关系清楚，按期换届', 4, 2),
  ('S03', 'setup', '村民小组或网格建立党小组', 4, 3),
  ('S04', 'setup', '村级各类组织自觉接受村党组织领导', 4, 4),
  ('S05', 'team', '书记政治素质好、带富能力强，实行县级备案管理', 4, 5),
  ('S06', 'team', '班子成员分工明确、团结协作', 4, 6),
  ('S07', 'team', '书记、主任“一肩挑”', 4, 7),
  ('S08', 'team', '储备2名以上后备力量', 4, 8),
  ('S09', 'team', '班子成员每年参加集中培训', 4, 9),
  ('S10', 'members', '落实党员发展计划，注重发展青年农民党员', 3, 10),
  ('S11', 'members', '流动党员管理到位', 3, 11),
  ('S12', 'members', '党费按时足额收缴', 3, 12),
  ('S13', 'members', '每年开展民主评议党员', 3, 13),
  ('S14', 'life', '“三会一课”按期召开、记录完整', 4, 14),
  ('S15', 'life', '每月开展主题党日', 4, 15),
  ('S16', 'life', '每年召开组织生活会', 4, 16),
  ('S17', 'life', '党员设岗定责、承诺践诺', 4, 17),
  ('S18', 'venue', '党群服务中心面积达标、标识统一', 3, 18),
  ('S19', 'venue', '党员活动室设施齐全', 3, 19),
  ('S20', 'venue', '远程教育站点正常使用', 3, 20),
  ('S21', 'venue', '党务村务公开栏设置规范', 3, 21),
  ('S22', 'mechanism', '落实“四议两公开”', 3, 22),
  ('S23', 'mechanism', '村务财务按时公开', 3, 23),
  ('S24', 'mechanism', '村干部坐班值班、为民代办', 3, 24),
  ('S25', 'mechanism', '矛盾纠纷排查化解机制健全', 3, 25),
  ('S26', 'support', '村干部报酬按时足额发放', 3, 26),
  ('S27', 'support', '村级组织运转经费落实', 3, 27),
  ('S28', 'support', '集体经济年收入5万元以上', 3, 28),
  ('S29', 'support', '档案资料规范齐全', 3, 29);

CREATE TABLE party_standard_scores (
  org_id        BIGINT NOT NULL REFERENCES party_orgs(id),
  village_code  TEXT NOT NULL,
  year          INTEGER NOT NULL,
  standard      TEXT NOT NULL REFERENCES party_standards(code),
  met           INTEGER NOT NULL CHECK (met IN (0, 1)),
  PRIMARY KEY (org_id, year, standard)
);
CREATE INDEX party_standard_scores_village ON party_standard_scores(village_code, year);

-- Thresholds and the first-class target, set for a region and inherited below it.
CREATE TABLE party_targets (
  region_code          TEXT PRIMARY KEY REFERENCES regions(code),
  first_class_pct      DOUBLE PRECISION NOT NULL,
  demonstration_score  DOUBLE PRECISION NOT NULL,
  standard_score       DOUBLE PRECISION NOT NULL,
  updated_at           BIGINT NOT NULL
);

CREATE TABLE reserve_cadres (
  id            ID_PK,
  village_code  TEXT NOT NULL REFERENCES regions(code),
  person_id     BIGINT NOT NULL REFERENCES people(id),
  source        TEXT NOT NULL CHECK (source IN ('rich_expert', 'returned_youth', 'veteran', 'graduate', 'other')),
  note          TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  UNIQUE (village_code, person_id)
);
CREATE INDEX reserve_cadres_village ON reserve_cadres(village_code);
