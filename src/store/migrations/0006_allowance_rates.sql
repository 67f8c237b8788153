-- Daily living allowance grades (分级分档) per region; the nearest rule up the tree applies, and
-- without one the defaults of modules/presence/presence_rules.h (60 / 50 / 40 yuan).
CREATE TABLE allowance_rates (
  region_code      TEXT PRIMARY KEY REFERENCES regions(code),
  provincial_yuan  INTEGER NOT NULL CHECK (provincial_yuan BETWEEN 0 AND 1000),  -- central and provincial units
  city_yuan        INTEGER NOT NULL CHECK (city_yuan BETWEEN 0 AND 1000),
  county_yuan      INTEGER NOT NULL CHECK (county_yuan BETWEEN 0 AND 1000)       -- county units and enterprises
);
