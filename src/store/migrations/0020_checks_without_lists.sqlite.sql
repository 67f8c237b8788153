-- SQLite: every CHECK of the form `column IN ('a', 'b', 'c', ...)` is written again as
-- `(column = 'a' OR column = 'b' OR ...)`, which means the same (NULL passes both).
-- Why: SQLite (3.40) evaluates a CHECK's IN list of more than two values by building a temporary
-- b-tree of the list on every row it inserts or updates — the list is not built once per
-- statement as it is in a query — which cost about 4 µs a list a row (python's sqlite3, 300,000
-- inserts: 0.33 s without the checks, 2.78 s with two IN lists, 0.44 s with the same lists as ORs).
-- A household member has three such lists, a household two: they were a third of the households
-- import's writing time.
-- Only the schema's text changes (the procedure SQLite documents for changing a CHECK: rows
-- already stored satisfy the new checks, which are the old ones); the migration runner bumps
-- schema_version after a migration that writes the schema, so every connection reads it again.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'level IN (''central'', ''provincial'', ''city'', ''county'', ''enterprise'')',
    '(level = ''central'' OR level = ''provincial'' OR level = ''city'' OR level = ''county'' OR level = ''enterprise'')')
WHERE type = 'table' AND name = 'sending_units';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'role IN (''first_secretary'', ''team_leader'', ''team_member'')',
    '(role = ''first_secretary'' OR role = ''team_leader'' OR role = ''team_member'')'),
    'status IN (''in_post'', ''rotated'', ''recalled'', ''term_ended'')',
    '(status = ''in_post'' OR status = ''rotated'' OR status = ''recalled'' OR status = ''term_ended'')')
WHERE type = 'table' AND name = 'dispatches';
UPDATE sqlite_schema SET sql = replace(sql,
    'kind IN (''county_leader'', ''department'', ''enterprise'')',
    '(kind = ''county_leader'' OR kind = ''department'' OR kind = ''enterprise'')')
WHERE type = 'table' AND name = 'pairings';
UPDATE sqlite_schema SET sql = replace(sql,
    'status IN (''pending'', ''township_approved'', ''approved'', ''rejected'', ''cancelled'')',
    '(status = ''pending'' OR status = ''township_approved'' OR status = ''approved'' OR status = ''rejected'' OR status = ''cancelled'')')
WHERE type = 'table' AND name = 'leaves';
UPDATE sqlite_schema SET sql = replace(sql,
    'rating IN (''excellent'', ''competent'', ''basic'', ''incompetent'')',
    '(rating = ''excellent'' OR rating = ''competent'' OR rating = ''basic'' OR rating = ''incompetent'')')
WHERE type = 'table' AND name = 'evaluations';
UPDATE sqlite_schema SET sql = replace(sql,
    'kind IN (''branch'', ''general_branch'', ''committee'')',
    '(kind = ''branch'' OR kind = ''general_branch'' OR kind = ''committee'')')
WHERE type = 'table' AND name = 'party_orgs';
UPDATE sqlite_schema SET sql = replace(sql,
    'rating IN (''advanced'', ''ordinary'', ''backward'', ''weak'')',
    '(rating = ''advanced'' OR rating = ''ordinary'' OR rating = ''backward'' OR rating = ''weak'')')
WHERE type = 'table' AND name = 'party_org_ratings';
UPDATE sqlite_schema SET sql = replace(sql,
    'status IN (''open'', ''transformed'', ''carried_over'')',
    '(status = ''open'' OR status = ''transformed'' OR status = ''carried_over'')')
WHERE type = 'table' AND name = 'rectification_cases';
UPDATE sqlite_schema SET sql = replace(sql,
    'source IN (''rich_expert'', ''returned_youth'', ''veteran'', ''graduate'', ''other'')',
    '(source = ''rich_expert'' OR source = ''returned_youth'' OR source = ''veteran'' OR source = ''graduate'' OR source = ''other'')')
WHERE type = 'table' AND name = 'reserve_cadres';
UPDATE sqlite_schema SET sql = replace(sql,
    'post IN (''secretary'', ''director'', ''deputy_secretary'', ''branch_member'',
                                              ''committee_member'', ''supervisor'', ''supervisor_member'')',
    '(post = ''secretary'' OR post = ''director'' OR post = ''deputy_secretary'' OR post = ''branch_member'' OR post = ''committee_member'' OR post = ''supervisor'' OR post = ''supervisor_member'')')
WHERE type = 'table' AND name = 'village_posts';
UPDATE sqlite_schema SET sql = replace(sql,
    'rating IN (''excellent'', ''competent'', ''basic'', ''incompetent'')',
    '(rating = ''excellent'' OR rating = ''competent'' OR rating = ''basic'' OR rating = ''incompetent'')')
WHERE type = 'table' AND name = 'secretary_ratings';
UPDATE sqlite_schema SET sql = replace(sql,
    'level IN (''central'', ''provincial'', ''city'', ''county'', ''township'')',
    '(level = ''central'' OR level = ''provincial'' OR level = ''city'' OR level = ''county'' OR level = ''township'')')
WHERE type = 'table' AND name = 'training_classes';
UPDATE sqlite_schema SET sql = replace(sql,
    'attendance IN (''enrolled'', ''attended'', ''absent'')',
    '(attendance = ''enrolled'' OR attendance = ''attended'' OR attendance = ''absent'')')
WHERE type = 'table' AND name = 'training_trainees';
UPDATE sqlite_schema SET sql = replace(sql,
    'item IN (''operating'', ''contracting'', ''investment'', ''subsidy'', ''other'')',
    '(item = ''operating'' OR item = ''contracting'' OR item = ''investment'' OR item = ''subsidy'' OR item = ''other'')')
WHERE type = 'table' AND name = 'collective_income';
UPDATE sqlite_schema SET sql = replace(sql,
    'income_class IN (''none'', ''under_50k'', ''50k_100k'', ''100k_plus'')',
    '(income_class = ''none'' OR income_class = ''under_50k'' OR income_class = ''50k_100k'' OR income_class = ''100k_plus'')')
WHERE type = 'table' AND name = 'pay_scales';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'status IN (''ordinary'', ''registered_poor'', ''lifted'', ''monitored'', ''risk_removed'')',
    '(status = ''ordinary'' OR status = ''registered_poor'' OR status = ''lifted'' OR status = ''monitored'' OR status = ''risk_removed'')'),
    'risk_type IN (''unstable'', ''marginal'', ''sudden'')',
    '(risk_type = ''unstable'' OR risk_type = ''marginal'' OR risk_type = ''sudden'')')
WHERE type = 'table' AND name = 'households';
UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
    'relation IN (''head'', ''spouse'', ''child'', ''child_in_law'', ''grandchild'', ''parent'',
                                                  ''grandparent'', ''sibling'', ''other'')',
    '(relation = ''head'' OR relation = ''spouse'' OR relation = ''child'' OR relation = ''child_in_law'' OR relation = ''grandchild'' OR relation = ''parent'' OR relation = ''grandparent'' OR relation = ''sibling'' OR relation = ''other'')'),
    'labour IN ('''', ''full'', ''weak'', ''none'', ''no_need'')',
    '(labour = '''' OR labour = ''full'' OR labour = ''weak'' OR labour = ''none'' OR labour = ''no_need'')'),
    'health IN ('''', ''healthy'', ''chronic'', ''serious'', ''disabled'')',
    '(health = '''' OR health = ''healthy'' OR health = ''chronic'' OR health = ''serious'' OR health = ''disabled'')')
WHERE type = 'table' AND name = 'household_members';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'kind IN (''routine'', ''leader'', ''festival'')',
    '(kind = ''routine'' OR kind = ''leader'' OR kind = ''festival'')'),
    'satisfaction IN (''satisfied'', ''basic'', ''unsatisfied'')',
    '(satisfaction = ''satisfied'' OR satisfaction = ''basic'' OR satisfaction = ''unsatisfied'')')
WHERE type = 'table' AND name = 'visits';
UPDATE sqlite_schema SET sql = replace(sql,
    'status IN (''pending'', ''in_progress'', ''done'')',
    '(status = ''pending'' OR status = ''in_progress'' OR status = ''done'')')
WHERE type = 'table' AND name = 'task_receivers';
UPDATE sqlite_schema SET sql = replace(sql,
    'frequency IN (''weekly'', ''monthly'', ''quarterly'')',
    '(frequency = ''weekly'' OR frequency = ''monthly'' OR frequency = ''quarterly'')')
WHERE type = 'table' AND name = 'task_cycles';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'severity IN (''minor'', ''major'', ''serious'')',
    '(severity = ''minor'' OR severity = ''major'' OR severity = ''serious'')'),
    'status IN (''open'', ''rectifying'', ''signed_off'', ''closed'')',
    '(status = ''open'' OR status = ''rectifying'' OR status = ''signed_off'' OR status = ''closed'')')
WHERE type = 'table' AND name = 'findings';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'level IN (''county'', ''township'', ''village'')',
    '(level = ''county'' OR level = ''township'' OR level = ''village'')'),
    'rating IN (''good'', ''fairly_good'', ''average'', ''poor'')',
    '(rating = ''good'' OR rating = ''fairly_good'' OR rating = ''average'' OR rating = ''poor'')')
WHERE type = 'table' AND name = 'responsibility_lists';
UPDATE sqlite_schema SET sql = replace(sql,
    'kind IN (''county_command'', ''office'', ''thematic_group'', ''township_post'', ''village_post'')',
    '(kind = ''county_command'' OR kind = ''office'' OR kind = ''thematic_group'' OR kind = ''township_post'' OR kind = ''village_post'')')
WHERE type = 'table' AND name = 'command_units';
UPDATE sqlite_schema SET sql = replace(sql,
    'role IN (''leader'', ''deputy'', ''member'')',
    '(role = ''leader'' OR role = ''deputy'' OR role = ''member'')')
WHERE type = 'table' AND name = 'command_members';
UPDATE sqlite_schema SET sql = replace(sql,
    'state IN (''submitted'', ''locked'', ''returned'', ''unlock_requested'', ''unlocked'')',
    '(state = ''submitted'' OR state = ''locked'' OR state = ''returned'' OR state = ''unlock_requested'' OR state = ''unlocked'')')
WHERE type = 'table' AND name = 'period_locks';
PRAGMA writable_schema = OFF;
