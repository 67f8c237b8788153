// Households, grids and visits over real HTTP: registration with members (all or nothing, one
// household per person), the status machine, the checks, automatic grids, visits with scope and
// scale checks, and coverage / satisfaction / 两率一度 figures checked against an independent
// computation from what this test inserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, sql } from './harness.mjs';

const VILLAGE = '610331100200';
const OTHER_VILLAGE = '610331100201';
const PASSWORD = 'House-Pass-2026-ok';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);
const offsetTo = (iso) => at(iso) - Math.floor(Date.now() / 1000);

// A valid (fictitious) ID number: area, birth date, sequence (odd = male), checksum.
function idNumber(birth, seq, area = '610331') {
  const body = area + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
let seq = 0;
const person = (name, relation, birth, male, extra = {}) =>
  ({ name, relation, id_number: idNumber(birth, 2 * (++seq % 400) + (male ? 1 : 0)), ...extra });

let server, county, fs, outsiderFs, leader;
const households = [];   // { id, village, registered, poor }
const visits = [];       // what this test recorded: { household, day, satisfaction }

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(offsetTo('2026-11-20T10:00:00+08:00'))],
    users: [
      { username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
      { username: 'fs_200', scope: VILLAGE, roles: 'first_secretary', password: PASSWORD },
      { username: 'fs_201', scope: OTHER_VILLAGE, roles: 'first_secretary', password: PASSWORD },
      { username: 'county_leader', display_name: '县长', scope: '610331', roles: 'leader', password: PASSWORD },
    ],
  });
  await adminClient(server.base);
  const login = async (u) => { const c = new Client(server.base); assert.equal((await c.login(u, PASSWORD)).status, 200); return c; };
  county = await login('taibai_org');
  fs = await login('fs_200');
  outsiderFs = await login('fs_201');
  leader = await login('county_leader');
});
after(async () => { await server?.stop(); });

const counts = () => sql(server, 'SELECT (SELECT COUNT(*) FROM households) || \'|\' || (SELECT COUNT(*) FROM people) || \'|\' || ' +
  '(SELECT COUNT(*) FROM household_members) || \'|\' || (SELECT COUNT(*) FROM household_status_history)').trim();

test('a household is registered with its members; ID numbers are masked and stored only encrypted', async () => {
  const r = await county.post('/api/v1/households', {
    village_code: VILLAGE, villager_group: '一组', address: '咀头街一组1号', latitude: 34.06, longitude: 107.31,
    income_per_head: 12000, income_year: 2025, measures: ['industry', 'education'], status_since: '2025-12-01',
    members: [person('张建国', 'head', '1970-03-01', true, { party_member: true }), person('李秀英', 'spouse', '1972-05-01', false),
              person('张欣怡', 'child', '2015-09-01', false, { schooling: 'primary_student' })],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.members.length, 3);
  assert.equal(r.json.members[0].relation, 'head');
  assert.match(r.json.members[0].id_number, /^6103\*+\d{3}[\dX]$/);
  assert.equal(r.json.status, 'ordinary');
  assert.deepEqual(r.json.measures, ['industry', 'education']);
  households.push({ id: r.json.id, village: VILLAGE, registered: false, members: r.json.members });
  const stored = sql(server, `SELECT COUNT(*) FROM people WHERE id_number_enc LIKE '%${r.json.members[0].id_number.slice(-4)}%'`);
  assert.equal(stored.trim(), '0');
  const found = await county.get(`/api/v1/households?q=${encodeURIComponent('张建国')}`);
  assert.equal(found.json.total, 1);
  assert.equal(found.json.items[0].head_name, '张建国');
});

test('a member already in another household is rejected naming the member, and nothing is written', async () => {
  const before = counts();
  // The ID number of the first household's spouse (the second person made above), as the third of three members.
  const dup = { name: '李秀英', relation: 'spouse', id_number: idNumber('1972-05-01', 2 * 2 + 0) };
  const r = await county.post('/api/v1/households', {
    village_code: VILLAGE, villager_group: '二组',
    members: [person('王五', 'head', '1960-01-01', true), person('赵六', 'spouse', '1961-01-01', false), dup],
  });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'members[2].id_number');
  assert.match(r.json.error.message, /李秀英/);
  assert.match(r.json.error.message, new RegExp(`户 ${households[0].id}`));
  assert.equal(counts(), before, 'a rejected household leaves no rows');
  const bad = await county.post('/api/v1/households', {
    village_code: VILLAGE, members: [person('王五', 'head', '1960-01-01', true), { name: '无名', relation: 'cousin', sex: 'M' }],
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'members[1].relation');
  const unknown = await county.post('/api/v1/households', { village_code: VILLAGE, members: [{ name: 'x', relation: 'head', sex: 'M', colour: 1 }] });
  assert.equal(unknown.json.error.field, 'members[0].colour');
  assert.equal(counts(), before);
});

test('status changes follow the allowed transitions, dated with reason and approver', async () => {
  const id = households[0].id;
  const change = (body) => county.post(`/api/v1/households/${id}/status`, { reason: '入户核实', approver: '咀头镇党委', ...body });
  const jump = await change({ to: 'lifted', date: '2026-01-10' });
  assert.equal(jump.status, 400);
  assert.equal(jump.json.error.field, 'to');
  const reg = await change({ to: 'registered_poor', date: '2026-01-10' });
  assert.equal(reg.status, 200, reg.text);
  assert.equal((await change({ to: 'lifted', date: '2026-03-10' })).status, 200);
  const marginal = await change({ to: 'monitored', risk_type: 'marginal', date: '2026-04-01' });
  assert.equal(marginal.json.error.field, 'risk_type');
  const early = await change({ to: 'monitored', risk_type: 'unstable', date: '2026-02-01' });
  assert.equal(early.json.error.field, 'date');
  const noApprover = await county.post(`/api/v1/households/${id}/status`, { to: 'monitored', risk_type: 'unstable', date: '2026-04-01', reason: 'x' });
  assert.equal(noApprover.json.error.field, 'approver');
  const m = await change({ to: 'monitored', risk_type: 'unstable', date: '2026-04-01' });
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.risk_type, 'unstable');
  const removed = await change({ to: 'risk_removed', date: '2026-08-01' });  // 4 months: allowed, but the checks flag it
  assert.equal(removed.status, 200);
  assert.deepEqual(removed.json.history.map((h) => h.to), ['ordinary', 'registered_poor', 'lifted', 'monitored', 'risk_removed']);
  assert.equal(removed.json.registered_year, 2026);
  assert.equal((await fs.post(`/api/v1/households/${id}/status`, { to: 'monitored', risk_type: 'sudden', date: '2026-09-01', reason: 'x', approver: 'y' })).status, 403);
  households[0].registered = true;
  const audit = sql(server, `SELECT COUNT(*) FROM audit_log WHERE entity = 'household' AND record_id = '${id}' AND action = 'status'`);
  assert.equal(audit.trim(), '4');
});

test('the checks list problems per village for correction', async () => {
  const r = await county.post('/api/v1/households', {
    village_code: VILLAGE, villager_group: '二组', income_per_head: 5000,
    members: [person('刘一', 'spouse', '1980-01-01', true), person('刘二', 'spouse', '1981-01-01', true),
              person('刘三', 'child', '2016-01-01', true), person('刘四', 'child', '2025-01-01', false, { schooling: 'kindergarten' })],
  });
  assert.equal(r.status, 201, r.text);
  households.push({ id: r.json.id, village: VILLAGE, registered: false });
  const checks = await county.get(`/api/v1/household-checks?village=${VILLAGE}&page_size=100`);
  assert.equal(checks.status, 200, checks.text);
  const rules = (hid) => checks.json.items.filter((i) => i.household_id === hid).map((i) => i.rule).sort();
  assert.deepEqual(rules(r.json.id), ['income_below_line_not_monitored', 'infant_in_school', 'no_head', 'school_age_not_in_school']);
  assert.deepEqual(rules(households[0].id), ['risk_removed_too_soon']);
  assert.equal(checks.json.villages.find((v) => v.code === VILLAGE).households_with_findings, 2);
  const lower = await county.get(`/api/v1/household-checks?village=${VILLAGE}&line=4000`);
  assert.ok(!lower.json.items.some((i) => i.rule === 'income_below_line_not_monitored'));
  assert.equal((await county.get('/api/v1/household-checks?rule=nonsense')).json.error.field, 'rule');
});

test('split and merge keep history and member identities', async () => {
  const h = households[0];
  const child = h.members[2];
  const s = await county.post(`/api/v1/households/${h.id}/split`, { member_ids: [child.member_id], date: '2026-11-01', reason: '子女成年分户', villager_group: '三组' });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.members[0].member_id, child.member_id);
  assert.equal(s.json.members[0].person_id, child.person_id);
  assert.equal(s.json.status, 'risk_removed');
  const m = await county.post(`/api/v1/households/${h.id}/merge`, { from_household_id: s.json.id, date: '2026-11-02', reason: '回户' });
  assert.equal(m.status, 200, m.text);
  assert.ok(m.json.members.some((x) => x.member_id === child.member_id));
  assert.deepEqual(m.json.links.map((l) => l.kind), ['split', 'merge']);
  const old = await county.get(`/api/v1/households/${s.json.id}`);
  assert.equal(old.json.active, false);
  assert.equal(old.json.members.length, 0);
  const all = await county.post(`/api/v1/households/${h.id}/split`, { member_ids: m.json.members.map((x) => x.member_id), date: '2026-11-03', reason: 'x' });
  assert.equal(all.json.error.field, 'member_ids');
});

test('grids: party members get 10–15 households, villager groups kept together, moves by hand', async () => {
  // 26 more households in 4 groups (sizes 7, 6, 7, 6); two party members among the heads.
  const sizes = { 四组: 7, 五组: 6, 六组: 7, 七组: 6 };
  let n = 0;
  for (const [group, size] of Object.entries(sizes)) {
    for (let i = 0; i < size; i++) {
      const registered = n % 3 === 0;
      const r = await county.post('/api/v1/households', {
        village_code: VILLAGE, villager_group: group, latitude: 34.06 + n * 0.0005, longitude: 107.31,
        income_per_head: 9000 + n * 100, status: registered ? 'lifted' : 'ordinary', status_since: '2020-12-01', registered_year: registered ? 2016 : undefined,
        members: [person(`户主${n}`, 'head', '1965-01-01', true, { party_member: n === 0 || n === 13 }), person(`配偶${n}`, 'spouse', '1966-01-01', false)],
      });
      assert.equal(r.status, 201, r.text);
      households.push({ id: r.json.id, village: VILLAGE, registered, group });
      n++;
    }
  }
  const other = await county.post('/api/v1/households', { village_code: OTHER_VILLAGE, members: [person('外村', 'head', '1960-02-02', true)] });
  households.push({ id: other.json.id, village: OTHER_VILLAGE, registered: false });
  const a = await county.post('/api/v1/grids/auto-assign', { region_code: VILLAGE, basis: 'group' });
  assert.equal(a.status, 200, a.text);
  const g = await county.get(`/api/v1/grids?village=${VILLAGE}`);
  assert.equal(g.status, 200, g.text);
  // Party members: 张建国 (first household) and two heads; 28 active households in the village (groups of
  // 1, 1, 7, 6, 7, 6): two members with 14 each is the only division within 10–15, the third links none.
  const members = g.json.party_members;
  assert.equal(members.length, 3);
  assert.deepEqual(members.map((m) => m.flag).sort(), ['idle', 'ok', 'ok']);
  const byMember = new Map();
  for (const grid of g.json.grids) for (const m of grid.members) for (const h of m.linked) {
    byMember.set(m.person_id, [...(byMember.get(m.person_id) ?? []), h]);
  }
  const total = [...byMember.values()].reduce((s, l) => s + l.length, 0);
  assert.equal(total, 28, 'every household linked once');
  for (const [, list] of byMember) {
    assert.ok(list.length >= 10 && list.length <= 15, `share ${list.length}`);
    const groups = new Set(list.map((h) => h.villager_group));
    for (const grp of groups) {
      const whole = households.filter((h) => h.group === grp).length;
      if (whole) assert.equal(list.filter((h) => h.villager_group === grp).length, whole, `${grp} kept together`);
    }
  }
  assert.equal(g.json.branch, g.json.village.name + '党支部');
  // Move one household by hand to another member.
  const target = members.find((m) => !byMember.get(m.person_id)?.some((h) => h.id === households[3].id));
  const mv = await county.request('PATCH', `/api/v1/households/${households[3].id}/grid`, { member_person_id: target.person_id });
  assert.equal(mv.status, 200, mv.text);
  const g2 = await county.get(`/api/v1/grids?village=${VILLAGE}`);
  const linked = g2.json.grids.flatMap((gr) => gr.members).filter((m) => m.person_id === target.person_id).flatMap((m) => m.linked);
  assert.ok(linked.some((h) => h.id === households[3].id && h.manual));
  assert.equal(g2.json.party_members.find((m) => m.person_id === target.person_id).households, (byMember.get(target.person_id)?.length ?? 0) + 1);
  const notMember = await county.request('PATCH', `/api/v1/households/${households[3].id}/grid`, { member_person_id: 999999 });
  assert.equal(notMember.json.error.field, 'member_person_id');
});

test('visits: scope, scale and follow-ups are checked; coverage and satisfaction match an independent count', async () => {
  const scale = ['satisfied', 'basic', 'unsatisfied'];
  const inVillage = households.filter((h) => h.village === VILLAGE && h.id !== households[1].id);
  // The first secretary visits all but three households of the village, some twice.
  const days = ['2026-10-05', '2026-11-02', '2026-11-18'];
  for (let i = 0; i < inVillage.length - 3; i++) {
    const body = { household_id: inVillage[i].id, day: days[i % 3], satisfaction: scale[i % 7 === 0 ? 2 : i % 4 === 0 ? 1 : 0] };
    if (i === 1) body.follow_ups = [{ problem: '房屋漏雨', owner: '村委会', deadline: '2026-12-01' }];
    const r = await fs.post('/api/v1/visits', body);
    assert.equal(r.status, 201, r.text);
    visits.push({ household: body.household_id, day: body.day, satisfaction: body.satisfaction, village: VILLAGE });
    if (i % 5 === 0) {
      const again = { household_id: inVillage[i].id, day: '2026-11-19', kind: 'festival', satisfaction: 'satisfied' };
      assert.equal((await fs.post('/api/v1/visits', again)).status, 201);
      visits.push({ household: again.household_id, day: again.day, satisfaction: again.satisfaction, village: VILLAGE });
    }
  }
  // A visit last quarter does not count for this quarter.
  assert.equal((await fs.post('/api/v1/visits', { household_id: inVillage.at(-1).id, day: '2026-09-20', satisfaction: 'unsatisfied' })).status, 201);
  visits.push({ household: inVillage.at(-1).id, day: '2026-09-20', satisfaction: 'unsatisfied', village: VILLAGE });
  // The county leader's own visits.
  for (const h of inVillage.slice(0, 2)) {
    const r = await leader.post('/api/v1/visits', { household_id: h.id, day: '2026-11-17', kind: 'leader', satisfaction: 'satisfied' });
    assert.equal(r.status, 201, r.text);
    visits.push({ household: h.id, day: '2026-11-17', satisfaction: 'satisfied', village: VILLAGE });
  }

  const outside = await outsiderFs.post('/api/v1/visits', { household_id: inVillage[0].id, day: '2026-11-10', satisfaction: 'satisfied' });
  assert.equal(outside.status, 404);
  assert.equal(outside.json.error.field, 'household_id');
  const badScale = await fs.post('/api/v1/visits', { household_id: inVillage[0].id, day: '2026-11-10', satisfaction: '5' });
  assert.equal(badScale.status, 400);
  assert.equal(badScale.json.error.field, 'satisfaction');
  const future = await fs.post('/api/v1/visits', { household_id: inVillage[0].id, day: '2026-11-21', satisfaction: 'satisfied' });
  assert.equal(future.json.error.field, 'day');
  const badFollow = await fs.post('/api/v1/visits', { household_id: inVillage[0].id, day: '2026-11-10', satisfaction: 'basic', follow_ups: [{ problem: 'x', owner: 'y' }] });
  assert.equal(badFollow.json.error.field, 'follow_ups[0].deadline');

  // Independent computation for 2026-Q4.
  const inQ4 = visits.filter((v) => v.day >= '2026-10-01' && v.day <= '2026-12-31');
  const villageHouseholds = households.filter((h) => h.village === VILLAGE);
  const visited = new Set(inQ4.map((v) => v.household));
  const expect = {
    households: villageHouseholds.length,
    visited: villageHouseholds.filter((h) => visited.has(h.id)).length,
    poor: villageHouseholds.filter((h) => h.registered).length,
    poorVisited: villageHouseholds.filter((h) => h.registered && visited.has(h.id)).length,
    answers: inQ4.length,
    satisfied: inQ4.filter((v) => v.satisfaction !== 'unsatisfied').length,
  };
  const cov = await county.get(`/api/v1/visits/coverage?region=${VILLAGE}&period=2026-Q4`);
  assert.equal(cov.status, 200, cov.text);
  assert.equal(cov.json.households, expect.households);
  assert.equal(cov.json.visited, expect.visited);
  assert.equal(cov.json.poor_households, expect.poor);
  assert.equal(cov.json.poor_visited, expect.poorVisited);
  assert.equal(cov.json.visits, expect.answers);
  assert.equal(cov.json.satisfied, expect.satisfied);
  assert.ok(Math.abs(cov.json.visit_rate - expect.visited / expect.households) < 1e-9);
  assert.ok(Math.abs(cov.json.satisfaction_rate - expect.satisfied / expect.answers) < 1e-9);
  // Up the tree: the township row adds both villages.
  const town = await county.get('/api/v1/visits/coverage?region=610331&period=2026-Q4');
  const zuitou = town.json.children.find((c) => c.code === '610331100000');
  assert.equal(zuitou.households, expect.households + 1);
  assert.equal(zuitou.not_visited, expect.households + 1 - expect.visited);
  const nv = await county.get(`/api/v1/visits/not-visited?region=610331&period=2026-Q4&page_size=100`);
  assert.equal(nv.json.total, expect.households + 1 - expect.visited);
  assert.ok(nv.json.items.some((i) => i.id === inVillage.at(-1).id && i.last_visit === '2026-09-20'));
  // The first secretary sees only his village.
  assert.equal((await fs.get('/api/v1/visits/coverage?region=610331')).status, 404);

  const leaders = await county.get('/api/v1/visits/leaders?period=2026-W47');
  assert.equal(leaders.json.items.length, 1);
  assert.equal(leaders.json.items[0].visitor, '县长');
  assert.equal(leaders.json.items[0].visits, 2);
  const fu = await county.get('/api/v1/follow-ups?open=1');
  assert.equal(fu.json.items.length, 1);
  const closed = await fs.request('PATCH', `/api/v1/follow-ups/${fu.json.items[0].id}`, { result: '已修缮' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal((await county.get('/api/v1/follow-ups?open=1')).json.items.length, 0);

  // 两率一度 for 2026, from the records: identification = identified / (identified + missed below the line).
  const metrics = await county.get('/api/v1/household-metrics?region=610331&period=2026');
  assert.equal(metrics.status, 200, metrics.text);
  assert.equal(metrics.json.identified, 0);           // nobody registered_poor or monitored now
  assert.equal(metrics.json.missed, 1);               // the 5,000-yuan household
  assert.equal(metrics.json.identification_accuracy, 0);
  assert.equal(metrics.json.exits, 1);                // the first household: lifted and risk removed in 2026
  assert.equal(metrics.json.wrong_exits, 0);
  assert.equal(metrics.json.exit_accuracy, 1);
  const all2026 = visits.filter((v) => v.day.startsWith('2026'));
  assert.equal(metrics.json.answers, all2026.length);
  assert.ok(Math.abs(metrics.json.satisfaction - all2026.filter((v) => v.satisfaction !== 'unsatisfied').length / all2026.length) < 1e-9);
});
