// Reporting periods and locks over real HTTP: a township submits a month, the county approves and
// the month is locked for the township's records (409 naming the period and the region), the next
// month stays open; an unlock request approved by the county opens it again, the difference shows
// the corrected figure, and re-submission shows old vs new. A township never decides on its own
// lock, and locks outside the caller's scope do not exist for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, sql } from './harness.mjs';

const TOWNSHIP = '610331100000';
const VILLAGE = '610331100200';
const PASSWORD = 'Period-Pass-2026-ok';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);

function idNumber(birth, seq, area = '610331') {
  const body = area + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

let server, admin, county, followUp, town, otherTown, leader, household, otherHousehold, otherVillage, lockId;

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(at('2026-11-20T10:00:00+08:00') - Math.floor(Date.now() / 1000))],
    users: [
      { username: 'taibai_org', display_name: '太白县委组织部', scope: '610331', roles: 'org_admin', password: PASSWORD },
      { username: 'jutou', display_name: '咀头镇', scope: '610331100', roles: 'township_admin', password: PASSWORD },
      { username: 'other_town', scope: '610331101', roles: 'township_admin', password: PASSWORD },
      { username: 'county_leader', scope: '610331', roles: 'leader', password: PASSWORD },
    ],
  });
  admin = await adminClient(server.base);
  const login = async (u) => { const c = new Client(server.base); assert.equal((await c.login(u, PASSWORD)).status, 200); return c; };
  county = await login('taibai_org');
  town = await login('jutou');
  otherTown = await login('other_town');
  leader = await login('county_leader');
  const addHousehold = async (village, seq) => {
    const r = await county.post('/api/v1/households', {
      village_code: village, villager_group: '一组',
      members: [{ name: `户主${seq}`, relation: 'head', id_number: idNumber('1970-03-01', 2 * seq + 1) }],
    });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  household = await addHousehold(VILLAGE, 1);
  otherVillage = sql(server, "SELECT code FROM regions WHERE parent_code = '610331101000' ORDER BY code LIMIT 1").trim();
  otherHousehold = await addHousehold(otherVillage, 2);
});
after(async () => { await server?.stop(); });

const visit = (client, day, hh = household) =>
  client.post('/api/v1/visits', { household_id: hh, day, satisfaction: 'satisfied' });
const figure = (diff, name) => diff.find((d) => d.name === name);

test('a township submits October with a snapshot of its figures; it cannot approve its own', async () => {
  const first = await county.post('/api/v1/visits', { household_id: household, day: '2026-10-10', satisfaction: 'satisfied',
    follow_ups: [{ problem: '屋顶漏雨', owner: '村委会', deadline: '2026-12-31' }] });
  assert.equal(first.status, 201, first.text);
  followUp = first.json.follow_ups[0].id;
  const r = await town.post('/api/v1/period-locks', { region: '610331100', period: '2026-10' });
  assert.equal(r.status, 201, r.text);
  lockId = r.json.id;
  assert.equal(r.json.state, 'submitted');
  assert.equal(r.json.region.code, TOWNSHIP);
  assert.equal(r.json.period_title, '2026年10月');
  assert.equal(r.json.snapshot.visits, 1);
  assert.equal(r.json.snapshot.households_visited, 1);
  assert.equal(r.json.snapshot.satisfied_visits, 1);
  assert.equal(r.json.snapshot.follow_ups_opened, 1);
  // Submitting again while it waits is a state clash.
  const again = await town.post('/api/v1/period-locks', { region: '610331100', period: '2026-10' });
  assert.equal(again.status, 400);
  assert.equal(again.json.error.field, 'state');
  // The township holds no right to approve, and even the county cannot approve a lock of its own.
  assert.equal((await town.post(`/api/v1/period-locks/${lockId}/approve`, {})).status, 403);
  const own = await county.post('/api/v1/period-locks', { region: '610331', period: '2026-10' });
  assert.equal(own.status, 201, own.text);
  const self = await county.post(`/api/v1/period-locks/${own.json.id}/approve`, {});
  assert.equal(self.status, 403, self.text);
  const bad = await town.post('/api/v1/period-locks', { region: '610331100', period: '2026-13' });
  assert.equal(bad.json.error.field, 'period');
  const unknown = await town.post('/api/v1/period-locks', { region: '610331100', period: '2026-10', note: 'x' });
  assert.equal(unknown.json.error.field, 'note');
});

test('a submitted period already refuses writes, naming the period and the region', async () => {
  const r = await visit(county, '2026-10-15');
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message, /2026年10月 已由 咀头镇 上报待审核/);
});

test('out of scope: another township neither sees nor touches the lock', async () => {
  assert.equal((await otherTown.get(`/api/v1/period-locks/${lockId}`)).status, 404);
  assert.equal((await otherTown.post(`/api/v1/period-locks/${lockId}/unlock-requests`, { reason: 'x' })).status, 404);
  assert.equal((await otherTown.post(`/api/v1/period-locks/${lockId}/approve`, {})).status, 403);
  assert.equal((await otherTown.post('/api/v1/period-locks', { region: '610331100', period: '2026-09' })).status, 404);
  assert.equal((await otherTown.get('/api/v1/period-locks?region=610331100')).status, 404);
  const list = await otherTown.get('/api/v1/period-locks');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.items, []);
  // A leader reads but does not submit.
  assert.equal((await leader.get(`/api/v1/period-locks/${lockId}`)).status, 200);
  assert.equal((await leader.post('/api/v1/period-locks', { region: '610331100', period: '2026-09' })).status, 403);
});

test('the county approves: October is locked for the township, November and other townships stay open', async () => {
  const r = await county.post(`/api/v1/period-locks/${lockId}/approve`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'locked');
  assert.equal(r.json.approved_by, '太白县委组织部');
  const refused = await visit(county, '2026-10-15');
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.error.message, '2026年10月 已由 咀头镇 锁定，修改需申请解锁');
  assert.equal((await visit(county, '2026-11-01')).status, 201);
  // Closing a follow-up is dated by its closing day.
  const close = (closed_on) => county.request('PATCH', `/api/v1/follow-ups/${followUp}`, { result: '已修缮', closed_on });
  const closedInOctober = await close('2026-10-20');
  assert.equal(closedInOctober.status, 409, closedInOctober.text);
  assert.match(closedInOctober.json.error.message, /2026年10月 已由 咀头镇 锁定/);
  assert.equal((await close('2026-11-02')).status, 200);
  // Another township of the county is not under the township's lock (the county's own lock waits
  // for the city and is returned here so it does not freeze the county).
  const ownCounty = sql(server, "SELECT id FROM period_locks WHERE region_code = '610331000000'").trim();
  assert.equal((await admin.post(`/api/v1/period-locks/${ownCounty}/return`, { reason: '县级不单独上报' })).status, 200);
  assert.equal((await visit(county, '2026-10-15', otherHousehold)).status, 201);
  // Follow-up closing and work logs are guarded the same way; the listing shows the state.
  const list = await county.get('/api/v1/period-locks?state=locked');
  assert.deepEqual(list.json.items.map((i) => i.id), [lockId]);
  const byPeriod = await county.get('/api/v1/period-locks?period=2026-10&region=610331100');
  assert.equal(byPeriod.json.items.length, 1);
  assert.equal((await county.get('/api/v1/period-locks?state=approved')).json.error.field, 'state');
});

test('unlock: request with a reason, county approves, the correction is accepted and the difference shows +1 visit', async () => {
  const ask = await town.post(`/api/v1/period-locks/${lockId}/unlock-requests`, { reason: '补录10月15日走访' });
  assert.equal(ask.status, 201, ask.text);
  assert.equal(ask.json.state, 'unlock_requested');
  assert.equal(figure(ask.json.difference, 'visits').delta, 0);
  // Still locked while the request waits; the township cannot approve its own request.
  assert.equal((await visit(county, '2026-10-15')).status, 409);
  assert.equal((await town.post(`/api/v1/unlock-requests/${ask.json.id}/approve`, {})).status, 403);
  assert.equal((await otherTown.post(`/api/v1/unlock-requests/${ask.json.id}/reject`, { reason: 'x' })).status, 403);
  const yes = await county.post(`/api/v1/unlock-requests/${ask.json.id}/approve`, {});
  assert.equal(yes.status, 200, yes.text);
  assert.equal(yes.json.state, 'unlocked');
  const twice = await county.post(`/api/v1/unlock-requests/${ask.json.id}/approve`, {});
  assert.equal(twice.status, 400);
  assert.equal((await visit(county, '2026-10-15')).status, 201);
  const view = await county.get(`/api/v1/period-locks/${lockId}`);
  assert.equal(view.status, 200);
  assert.equal(view.json.snapshot.visits, 1);
  assert.equal(view.json.current.visits, 2);
  assert.deepEqual(figure(view.json.difference, 'visits'), { name: 'visits', before: 1, now: 2, delta: 1 });
  assert.equal(view.json.unlock_requests.length, 1);
  assert.equal(view.json.unlock_requests[0].decision, 'approved');
});

test('re-submission shows old vs new; a return sends it back with the reason; everything is audited', async () => {
  const r = await town.post('/api/v1/period-locks', { region: '610331100', period: '2026-10' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted');
  assert.equal(r.json.submissions, 2);
  assert.equal(figure(r.json.resubmission_difference, 'visits').delta, 1);
  assert.equal(figure(r.json.difference, 'visits').delta, 0);
  const noReason = await county.post(`/api/v1/period-locks/${lockId}/return`, {});
  assert.equal(noReason.json.error.field, 'reason');
  const back = await county.post(`/api/v1/period-locks/${lockId}/return`, { reason: '走访数与台账不符' });
  assert.equal(back.json.state, 'returned');
  assert.equal(back.json.returned_reason, '走访数与台账不符');
  assert.equal((await visit(county, '2026-10-16')).status, 201, 'a returned period is open for correction');
  const audit = sql(server, `SELECT action FROM audit_log WHERE entity IN ('period_lock', 'unlock_request') AND region_code = '${TOWNSHIP}' ORDER BY id`);
  assert.deepEqual(audit.trim().split('\n'), ['submit', 'approve', 'request_unlock', 'approve_unlock', 'submit', 'return']);
});

test('a fourth-quarter lock holds the collective income of its year; earlier years stay open', async () => {
  const q4 = await town.post('/api/v1/period-locks', { region: '610331100', period: '2026-Q4' });
  assert.equal(q4.status, 201, q4.text);
  const income = (year) => county.request('PUT', '/api/v1/collective-income', {
    village_code: VILLAGE, year, items: [{ item: 'operating', amount_yuan: 60000 }] });
  const refused = await income(2026);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.error.message, '2026年第四季度 已由 咀头镇 上报待审核，修改需先由上级退回');
  assert.equal((await income(2025)).status, 200);
  assert.equal((await county.post(`/api/v1/period-locks/${q4.json.id}/return`, { reason: '季度不单独上报' })).status, 200);
  assert.equal((await income(2026)).status, 200);
});
