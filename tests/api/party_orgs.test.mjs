// Village party organizations: ratings with history, rectification of weak and backward
// organizations (the county figures of seed 004 — 12 backward organizations, a work group for
// each, 4 transformed — come straight out of the count endpoint, for the county and a township),
// standardization scoring, reserve cadres; bad input is refused by field and leaves no rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, sql } from './harness.mjs';

const PASSWORD = 'Party-Pass-2026-ok';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);
const YEAR = 2026;
let server, county, zhushan, town, leader, villageSec;
let villages = [];
let zhushanVillage;        // 12 villages of 太白县, the first five in 咀头镇 (610331100)
const orgs = [];          // their organizations
let secretaryId;

// A valid (fictitious) ID number for a birth date.
function idNumber(birth, seq) {
  const body = `110101${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
const count = (query) => Number(sql(server, query).trim());

before(async () => {
  server = await startServer({
    counties: ['610331', '420323'],
    serveArgs: ['--clock-offset-seconds', String(at('2026-11-20T10:00:00+08:00') - Math.floor(Date.now() / 1000))],
    users: [
      { username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
      { username: 'zhushan_org', scope: '420323', roles: 'org_admin', password: PASSWORD },
      { username: 'zuitou_town', scope: '610331100', roles: 'township_admin', password: PASSWORD },
      { username: 'taibai_leader', scope: '610331', roles: 'leader', password: PASSWORD },
      { username: 'village_sec', scope: '610331100001', roles: 'village_secretary', password: PASSWORD },
    ],
  });
  county = new Client(server.base);
  zhushan = new Client(server.base);
  town = new Client(server.base);
  leader = new Client(server.base);
  assert.equal((await county.login('taibai_org', PASSWORD)).status, 200);
  assert.equal((await zhushan.login('zhushan_org', PASSWORD)).status, 200);
  assert.equal((await town.login('zuitou_town', PASSWORD)).status, 200);
  assert.equal((await leader.login('taibai_leader', PASSWORD)).status, 200);
  villageSec = new Client(server.base);
  assert.equal((await villageSec.login('village_sec', PASSWORD)).status, 200);
  const inTown = sql(server, "SELECT code FROM regions WHERE level = 5 AND code LIKE '610331100%' ORDER BY code LIMIT 5")
    .trim().split('\n');
  const others = sql(server, "SELECT code FROM regions WHERE level = 5 AND code LIKE '610331%' AND code NOT LIKE "
    + "'610331100%' ORDER BY code LIMIT 7").trim().split('\n');
  villages = [...inTown, ...others];
  assert.equal(villages.length, 12);
  zhushanVillage = sql(server, "SELECT code FROM regions WHERE level = 5 AND code LIKE '420323%' ORDER BY code LIMIT 1").trim();
  const p = await county.post('/api/v1/people', { name: '李第一', id_number: idNumber('1985-02-15', 11), region_code: '610331' });
  assert.equal(p.status, 201, p.text);
  secretaryId = p.json.id;
});
after(async () => { await server?.stop(); });

test('organizations: created per village, bad input refused by field, scope kept', async () => {
  for (let i = 0; i < villages.length; i++) {
    const r = await county.post('/api/v1/party-orgs', {
      village_code: villages[i], name: `第${i + 1}党支部`, kind: 'branch', members: 20 + i, founded_on: '1978-07-01',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'branch');
    assert.equal(r.json.rating, null);
    orgs.push(r.json);
  }
  const negative = await county.post('/api/v1/party-orgs', { village_code: villages[0], name: 'x', kind: 'branch', members: -1 });
  assert.equal(negative.status, 400);
  assert.equal(negative.json.error.field, 'members');
  const kind = await county.post('/api/v1/party-orgs', { village_code: villages[0], name: 'x', kind: 'cell', members: 3 });
  assert.equal(kind.json.error.field, 'kind');
  const unknown = await county.post('/api/v1/party-orgs', { village_code: villages[0], name: 'x', kind: 'branch', members: 3, size: 1 });
  assert.equal(unknown.json.error.field, 'size');
  const township = await county.post('/api/v1/party-orgs', { village_code: '610331100', name: 'x', kind: 'branch', members: 3 });
  assert.equal(township.json.error.field, 'village_code');
  const outside = await county.post('/api/v1/party-orgs', { village_code: zhushanVillage, name: 'x', kind: 'branch', members: 3 });
  assert.equal(outside.status, 404);
  const dup = await county.post('/api/v1/party-orgs', { village_code: villages[0], name: '第1党支部', kind: 'branch', members: 3 });
  assert.equal(dup.status, 409);
  const sec = await county.request('PATCH', `/api/v1/party-orgs/${orgs[0].id}`, { secretary_person_id: secretaryId, members: 55, kind: 'general_branch' });
  assert.equal(sec.status, 200, sec.text);
  assert.equal(sec.json.secretary_name, '李第一');
  assert.equal(sec.json.members, 55);
  const badSec = await county.request('PATCH', `/api/v1/party-orgs/${orgs[0].id}`, { secretary_person_id: 999999 });
  assert.equal(badSec.json.error.field, 'secretary_person_id');
  // The township sees its five; the leader reads all twelve but may not write.
  assert.equal((await town.get('/api/v1/party-orgs')).json.items.length, 5);
  assert.equal((await leader.get('/api/v1/party-orgs')).json.items.length, 12);
  assert.equal((await leader.post('/api/v1/party-orgs', { village_code: villages[0], name: 'y', kind: 'branch', members: 1 })).status, 403);
  assert.equal((await zhushan.get(`/api/v1/party-orgs/${orgs[0].id}/ratings`)).status, 404);
  // A village secretary reads the village's own organization only, and writes nothing.
  assert.equal(villages[0], '610331100001');
  const own = await villageSec.get('/api/v1/party-orgs');
  assert.deepEqual(own.json.items.map((o) => o.id), [orgs[0].id]);
  assert.equal((await villageSec.get(`/api/v1/party-orgs/${orgs[1].id}/ratings`)).status, 404);
  assert.equal((await villageSec.post(`/api/v1/party-orgs/${orgs[0].id}/ratings`, { year: YEAR, rating: 'advanced' })).status, 403);
});

test('ratings: one per organization and year, changes kept with who, when and why', async () => {
  for (const o of orgs) {
    const r = await county.post(`/api/v1/party-orgs/${o.id}/ratings`, { year: YEAR - 1, rating: 'ordinary' });
    assert.equal(r.status, 201, r.text);
  }
  const bad = await county.post(`/api/v1/party-orgs/${orgs[0].id}/ratings`, { year: YEAR, rating: 'excellent' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'rating');
  const noReason = await county.post(`/api/v1/party-orgs/${orgs[0].id}/ratings`, { year: YEAR - 1, rating: 'advanced' });
  assert.equal(noReason.json.error.field, 'reason');
  const change = await county.post(`/api/v1/party-orgs/${orgs[0].id}/ratings`, { year: YEAR - 1, rating: 'advanced', reason: '复核上调' });
  assert.equal(change.status, 201, change.text);
  const future = await county.post(`/api/v1/party-orgs/${orgs[0].id}/ratings`, { year: YEAR + 1, rating: 'advanced' });
  assert.equal(future.json.error.field, 'year');
  const h = await leader.get(`/api/v1/party-orgs/${orgs[0].id}/ratings`);
  assert.deepEqual(h.json.ratings, [{ year: YEAR - 1, rating: 'advanced' }]);
  assert.equal(h.json.changes.length, 2);
  assert.deepEqual([h.json.changes[0].from, h.json.changes[0].to, h.json.changes[0].reason, h.json.changes[0].by],
    ['ordinary', 'advanced', '复核上调', 'taibai_org']);
});

test('rectification: 12 backward organizations, a work group each, 4 transformed — the counts say exactly that', async () => {
  const cats = await leader.get('/api/v1/rectification-categories');
  assert.equal(cats.json.items.length, 11);
  for (let i = 0; i < 12; i++) {
    const r = await county.post('/api/v1/rectifications', {
      org_id: orgs[i].id, year: YEAR, rating: 'backward', categories: ['economy', i % 2 ? 'system' : 'secretary'],
      reason: '年度研判', leader_name: `县领导${i + 1}`, leader_post: '副县长', first_secretary_person_id: secretaryId,
      department: '县农业农村局', work_group: `帮促工作组${i + 1}`, measures: ['选优配强班子', '落实三会一课'],
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'open');
    assert.equal(r.json.measure_list.length, 2);
    orgs[i].case = r.json.id;
  }
  // The identification set the year's rating, and the rating history says so.
  const list = await county.get(`/api/v1/party-orgs?year=${YEAR}&rating=backward`);
  assert.equal(list.json.items.length, 12);
  assert.ok(list.json.items.every((o) => o.in_rectification));
  for (let i = 0; i < 12; i++) {
    for (const month of ['2026-09', '2026-10']) {
      const p = await county.post(`/api/v1/rectifications/${orgs[i].case}/progress`, { month, content: '按月汇报整改进展' });
      assert.equal(p.status, 201, p.text);
    }
    const insp = await county.post(`/api/v1/rectifications/${orgs[i].case}/inspections`, { day: '2026-10-15', inspector: '县委组织部督查组', finding: '整改落实' });
    assert.equal(insp.status, 201, insp.text);
  }
  const again = await county.post(`/api/v1/rectifications/${orgs[0].case}/progress`, { month: '2026-10', content: 'x' });
  assert.equal(again.status, 409);
  const badMonth = await county.post(`/api/v1/rectifications/${orgs[0].case}/progress`, { month: '2026-13', content: 'x' });
  assert.equal(badMonth.json.error.field, 'month');
  // While the case is open the rating stays backward or weak.
  const early = await county.post(`/api/v1/party-orgs/${orgs[0].id}/ratings`, { year: YEAR, rating: 'ordinary', reason: 'x' });
  assert.equal(early.status, 409);
  assert.equal(early.json.error.field, 'rating');
  // Two transformed in 咀头镇, two elsewhere.
  for (const i of [0, 1, 5, 6]) {
    const r = await county.post(`/api/v1/rectifications/${orgs[i].case}/result`, { result: 'transformed', day: '2026-11-01', note: '转化为一般' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'transformed');
  }
  const twice = await county.post(`/api/v1/rectifications/${orgs[0].case}/result`, { result: 'carried_over', day: '2026-11-02' });
  assert.equal(twice.status, 409);
  const h = await county.get(`/api/v1/party-orgs/${orgs[0].id}/ratings`);
  assert.deepEqual(h.json.ratings[0], { year: YEAR, rating: 'ordinary' });
  assert.deepEqual(h.json.changes.filter((c) => c.year === YEAR).map((c) => [c.from, c.to]), [['backward', 'ordinary'], [null, 'backward']]);

  const c = await leader.get(`/api/v1/rectification-counts?region=610331&year=${YEAR}`);
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.identified, 12);
  assert.equal(c.json.backward, 12);
  assert.equal(c.json.work_groups, 12);
  assert.equal(c.json.leaders, 12);
  assert.equal(c.json.first_secretaries, 12);
  assert.equal(c.json.departments, 12);
  assert.equal(c.json.transformed, 4);
  assert.equal(c.json.open, 8);
  assert.equal(c.json.progress_reports, 24);
  assert.equal(c.json.inspections, 12);
  const zuitou = c.json.by_region.find((r) => r.region.code === '610331100000');
  assert.equal(zuitou.identified, 5);
  assert.equal(zuitou.transformed, 2);
  const t = await town.get(`/api/v1/rectification-counts?year=${YEAR}`);
  assert.deepEqual([t.json.identified, t.json.work_groups, t.json.transformed], [5, 5, 2]);
  const sub = await county.get(`/api/v1/rectification-counts?region=610331100&year=${YEAR}`);
  assert.deepEqual([sub.json.identified, sub.json.work_groups, sub.json.transformed], [5, 5, 2]);
  // Outside the caller's scope: as if it did not exist.
  assert.equal((await town.get(`/api/v1/rectification-counts?region=610331&year=${YEAR}`)).status, 404);
  assert.equal((await zhushan.get(`/api/v1/rectifications/${orgs[0].case}`)).status, 404);
  const ledger = await leader.get(`/api/v1/rectifications?year=${YEAR}&format=xlsx`);
  assert.equal(ledger.status, 200);
  assert.match(ledger.headers.get('content-type'), /spreadsheetml/);
  assert.match(ledger.headers.get('content-disposition'), /xlsx/);
  assert.ok(ledger.text.startsWith('PK'));
  assert.equal((await leader.get(`/api/v1/rectifications?year=${YEAR}&format=pdf`)).json.error.field, 'format');
  const d = await leader.get(`/api/v1/rectifications/${orgs[2].case}`);
  assert.equal(d.json.progress_list.length, 2);
  assert.equal(d.json.inspection_list.length, 1);
  assert.equal(d.json.pairing.first_secretary_name, '李第一');
});

test('rectification input: bad rating, unknown category, foreign organization; a refused write leaves no rows', async () => {
  const r = await county.post('/api/v1/party-orgs', { village_code: villages[3], name: '待认定党支部', kind: 'branch', members: 12 });
  const org = r.json.id;
  const rows = () => [
    count(`SELECT COUNT(*) FROM rectification_cases WHERE org_id = ${org}`),
    count(`SELECT COUNT(*) FROM party_org_ratings WHERE org_id = ${org}`),
    count(`SELECT COUNT(*) FROM party_org_rating_history WHERE org_id = ${org}`),
    count('SELECT COUNT(*) FROM rectification_case_categories'),
    count('SELECT COUNT(*) FROM rectification_measures'),
  ];
  const beforeRows = rows();
  const base = { org_id: org, year: YEAR, rating: 'weak', categories: ['secretary'] };
  const rating = await county.post('/api/v1/rectifications', { ...base, rating: 'ordinary' });
  assert.equal(rating.status, 400);
  assert.equal(rating.json.error.field, 'rating');
  // A category unknown after a known one: the rating, case and first category are all rolled back.
  const cat = await county.post('/api/v1/rectifications', { ...base, categories: ['secretary', 'weather'] });
  assert.equal(cat.status, 400);
  assert.equal(cat.json.error.field, 'categories');
  assert.match(cat.json.error.message, /weather/);
  const measure = await county.post('/api/v1/rectifications', { ...base, measures: ['好措施', ''] });
  assert.equal(measure.status, 400);
  assert.equal(measure.json.error.field, 'measures');
  assert.deepEqual(rows(), beforeRows);
  const z = await zhushan.post('/api/v1/party-orgs', { village_code: zhushanVillage, name: '城关村党支部', kind: 'branch', members: 30 });
  assert.equal(z.status, 201, z.text);
  const foreign = await county.post('/api/v1/rectifications', { ...base, org_id: z.json.id });
  assert.equal(foreign.status, 404);
  // A carried-over case opens next year's with the same pairing and problems.
  const zc = await zhushan.post('/api/v1/rectifications', { org_id: z.json.id, year: YEAR, rating: 'weak', categories: ['election'], work_group: '县纪委工作组' });
  assert.equal(zc.status, 201, zc.text);
  const carried = await zhushan.post(`/api/v1/rectifications/${zc.json.id}/result`, { result: 'carried_over', day: '2026-11-10' });
  assert.equal(carried.status, 200, carried.text);
  const next = await zhushan.get(`/api/v1/rectifications?year=${YEAR + 1}`);
  assert.equal(next.json.items.length, 1);
  assert.deepEqual([next.json.items[0].carried_from, next.json.items[0].categories, next.json.items[0].pairing.work_group],
    [zc.json.id, ['election'], '县纪委工作组']);
  const zcount = await zhushan.get(`/api/v1/rectification-counts?year=${YEAR}`);
  assert.deepEqual([zcount.json.identified, zcount.json.carried_over, zcount.json.transformed], [1, 1, 0]);
});

test('standardization: 7 areas, 29 standards, thresholds and the first-class share against the target', async () => {
  const list = await leader.get('/api/v1/party-standards');
  assert.equal(list.json.areas.length, 7);
  assert.equal(list.json.areas.reduce((n, a) => n + a.standards.length, 0), 29);
  assert.equal(list.json.points_total, 100);
  const all = list.json.areas.flatMap((a) => a.standards);
  const codes = all.map((s) => s.code);
  const full = await county.request('PUT', `/api/v1/party-orgs/${orgs[0].id}/standards`, { year: YEAR, met: codes });
  assert.equal(full.status, 200, full.text);
  assert.deepEqual([full.json.score, full.json.status], [100, 'demonstration']);
  // Without three 3-point standards: 91 → still 示范; without nine: 73 → below 75.
  const three = all.filter((s) => s.points === 3).map((s) => s.code);
  const r91 = await county.request('PUT', `/api/v1/party-orgs/${orgs[1].id}/standards`, { year: YEAR, met: codes.filter((c) => !three.slice(0, 3).includes(c)) });
  assert.deepEqual([r91.json.score, r91.json.status], [91, 'demonstration']);
  const r73 = await county.request('PUT', `/api/v1/party-orgs/${orgs[2].id}/standards`, { year: YEAR, met: codes.filter((c) => !three.slice(0, 9).includes(c)) });
  assert.deepEqual([r73.json.score, r73.json.status], [73, 'below']);
  const r82 = await county.request('PUT', `/api/v1/party-orgs/${orgs[3].id}/standards`, { year: YEAR, met: codes.filter((c) => !three.slice(0, 6).includes(c)) });
  assert.deepEqual([r82.json.score, r82.json.status], [82, 'standard']);
  // An unknown standard refuses the whole checklist and keeps the previous scores.
  const bad = await county.request('PUT', `/api/v1/party-orgs/${orgs[0].id}/standards`, { year: YEAR, met: ['S01', 'S99'] });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'met');
  assert.equal((await county.get(`/api/v1/party-orgs/${orgs[0].id}/standards?year=${YEAR}`)).json.score, 100);
  // Rate 7 of the 12 (+1 unrated) organizations advanced for the year before: 7/13 = 53.8% < 60%.
  const s0 = await county.get(`/api/v1/party-standard-summary?year=${YEAR}`);
  assert.deepEqual([s0.json.orgs, s0.json.scored, s0.json.demonstration, s0.json.standard, s0.json.below], [13, 4, 2, 1, 1]);
  assert.equal(s0.json.up_to_standard_pct, 75);
  for (const o of orgs.slice(1, 8)) {
    const r = await county.post(`/api/v1/party-orgs/${o.id}/ratings`, { year: YEAR - 1, rating: 'advanced', reason: '年终评定' });
    assert.equal(r.status, 201, r.text);
  }
  const s1 = await county.get(`/api/v1/party-standard-summary?year=${YEAR - 1}`);
  assert.deepEqual([s1.json.advanced, s1.json.first_class_pct, s1.json.first_class_target_pct, s1.json.meets_target], [8, 61.5, 60, true]);
  const target = await county.request('PUT', '/api/v1/party-targets/610331', { first_class_pct: 70, demonstration_score: 95, standard_score: 80 });
  assert.equal(target.status, 200, target.text);
  const s2 = await county.get(`/api/v1/party-standard-summary?year=${YEAR - 1}`);
  assert.equal(s2.json.meets_target, false);
  const s3 = await town.get(`/api/v1/party-standard-summary?year=${YEAR}`);
  assert.deepEqual([s3.json.demonstration, s3.json.standard, s3.json.below], [1, 2, 1]);  // 100 / 91, 82 / 73 against 95 and 80
  const badTarget = await county.request('PUT', '/api/v1/party-targets/610331', { first_class_pct: 60, demonstration_score: 70, standard_score: 80 });
  assert.equal(badTarget.json.error.field, 'standard_score');
  assert.equal((await county.request('PUT', '/api/v1/party-targets/420323', { first_class_pct: 60, demonstration_score: 90, standard_score: 75 })).status, 404);
});

test('reserve cadres: pool per village, search by source, age and education, counts by township', async () => {
  const people = [
    ['赵返乡', '1998-05-01', 'returned_youth', 'college', villages[0]],
    ['钱能手', '1980-03-01', 'rich_expert', 'senior', villages[0]],
    ['孙退役', '1993-01-01', 'veteran', 'vocational', villages[1]],
    ['周毕业', '2000-09-01', 'graduate', 'bachelor', villages[6]],
  ];
  const ids = [];
  for (let i = 0; i < people.length; i++) {
    const [name, birth, source, education, village] = people[i];
    const p = await county.post('/api/v1/people', { name, id_number: idNumber(birth, 100 + i), education, region_code: village });
    assert.equal(p.status, 201, p.text);
    const r = await county.post('/api/v1/reserve-cadres', { village_code: village, person_id: p.json.id, source });
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }
  const dup = await county.post('/api/v1/reserve-cadres', { village_code: villages[0], person_id: secretaryId, source: 'other' });
  assert.equal(dup.status, 201);
  const again = await county.post('/api/v1/reserve-cadres', { village_code: villages[0], person_id: secretaryId, source: 'other' });
  assert.equal(again.status, 409);
  const badSource = await county.post('/api/v1/reserve-cadres', { village_code: villages[0], person_id: secretaryId, source: 'cadre' });
  assert.equal(badSource.json.error.field, 'source');
  const out = await county.post('/api/v1/reserve-cadres', { village_code: zhushanVillage, person_id: secretaryId, source: 'other' });
  assert.equal(out.status, 404);
  const young = await leader.get('/api/v1/reserve-cadres?max_age=34');
  assert.deepEqual(young.json.items.map((r) => r.name).sort(), ['周毕业', '孙退役', '赵返乡'].sort());
  const vets = await leader.get('/api/v1/reserve-cadres?source=veteran');
  assert.deepEqual(vets.json.items.map((r) => [r.name, r.age]), [['孙退役', 33]]);
  const bach = await leader.get('/api/v1/reserve-cadres?education=bachelor&region=610331100');
  assert.equal(bach.json.items.length, 0);
  assert.equal((await leader.get('/api/v1/reserve-cadres?min_age=50&max_age=40')).json.error.field, 'min_age');
  const c = await leader.get('/api/v1/reserve-cadre-counts?region=610331');
  assert.equal(c.json.reserves, 5);
  assert.equal(c.json.under_35, 3);
  assert.equal(c.json.under_35_pct, 60);
  const zuitou = c.json.by_region.find((r) => r.region.code === '610331100000');
  assert.deepEqual([zuitou.reserves, zuitou.villages_with_reserves], [4, 2]);
  assert.equal(zuitou.per_village, Number((4 / zuitou.villages).toFixed(2)));
  const removed = await county.post(`/api/v1/reserve-cadres/${ids[3]}/removal`, { reason: '外出务工' });
  assert.equal(removed.status, 204);
  assert.equal((await leader.get('/api/v1/reserve-cadre-counts')).json.reserves, 4);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'reserve_cadre' AND action = 'delete'"), 1);
});
