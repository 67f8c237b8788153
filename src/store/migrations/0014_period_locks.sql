-- Reporting periods and locks (填报期间与锁定): a region submits a period's data, the level above
-- approves and the period is locked; corrections go through an unlock request that shows the
-- difference between the figures at submission and now. Every action is also in the audit log.

-- One row per region and period; the state machine is in modules/periods/periods_rules.h.
-- "未上报" is the absence of a row. snapshot_json holds the figures at the last submission,
-- previous_snapshot_json those of the submission before (re-submission shows old vs new).
CREATE TABLE period_locks (
  id                      ID_PK,
  region_code             TEXT NOT NULL REFERENCES regions(code),
  period                  TEXT NOT NULL,          -- '2026-11', '2026-Q4' or '2026'
  period_from             TEXT NOT NULL,          -- 'YYYY-MM-DD', inclusive
  period_to               TEXT NOT NULL,
  state                   TEXT NOT NULL CHECK (state IN ('submitted', 'locked', 'returned', 'unlock_requested', 'unlocked')),
  submitted_by            BIGINT NOT NULL,
  submitted_at            BIGINT NOT NULL,
  approved_by             BIGINT,
  approved_at             BIGINT,
  returned_reason         TEXT NOT NULL DEFAULT '',
  snapshot_json           TEXT NOT NULL DEFAULT '{}',
  previous_snapshot_json  TEXT,
  submissions             INTEGER NOT NULL DEFAULT 1,
  updated_at              BIGINT NOT NULL,
  UNIQUE (region_code, period)
);
-- The guard looks up a record's region and its ancestors for the three periods containing a day.
CREATE INDEX period_locks_state ON period_locks(state, region_code);

CREATE TABLE unlock_requests (
  id               ID_PK,
  lock_id          BIGINT NOT NULL REFERENCES period_locks(id),
  region_code      TEXT NOT NULL,
  reason           TEXT NOT NULL,
  requested_by     BIGINT NOT NULL,
  requested_at     BIGINT NOT NULL,
  difference_json  TEXT NOT NULL DEFAULT '[]',   -- at the request
  decided_by       BIGINT,
  decided_at       BIGINT,
  decision         TEXT CHECK (decision IN ('approved', 'rejected')),
  decision_reason  TEXT NOT NULL DEFAULT '',
  decided_difference_json TEXT                   -- at the decision
);
CREATE INDEX unlock_requests_lock ON unlock_requests(lock_id, requested_at);
