// Looking after stationed cadres: talks and the overdue list, evaluations drawn from records
// (基本称职 → improvement plan, 不称职 → recall), work funds, awards and the record manual.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client } from './harness.mjs';

const PASSWORD = 'Review-Pass-2026-ok';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);
let server, county, unitId;
const cadres = [];

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(at('2026-11-20T10:00:00+08:00') - Math.floor(Date.now() / 1000))],
    users: [{ username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD }],
  });
  await adminClient(server.base);
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', PASSWORD)).status, 200);
  unitId = (await county.post('/api/v1/sending-units', { name: '县农业农村局', level: 'county', region_code: '610331' })).json.id;
  const ids = ['110101199003074514', '110101198502153212'];
  const villages = ['610331100200', '610331100201'];
  for (let i = 0; i < 2; i++) {
    const p = await county.post('/api/v1/people', { name: `干部${i + 1}`, id_number: ids[i], region_code: '610331' });
    assert.equal(p.status, 201, p.text);
    const d = await county.post('/api/v1/dispatches', {
      person_id: p.json.id, village_code: villages[i], role: 'first_secretary', sending_unit_id: unitId,
      term_start: '2026-01-01', term_end: '2027-12-31',
    });
    assert.equal(d.status, 201, d.text);
    cadres.push({ person: p.json.id, dispatch: d.json.id, village: villages[i] });
  }
});
after(async () => { await server?.stop(); });

test('talks: one recorded, the other first secretary is overdue for the half year', async () => {
  const t = await county.post('/api/v1/talks', { dispatch_id: cadres[0].dispatch, day: '2026-09-15', talker: '咀头镇党委书记', notes: '谈工作与生活' });
  assert.equal(t.status, 201, t.text);
  assert.equal(t.json.half, '2026-H2');
  const list = await county.get('/api/v1/talks?half=2026-H2');
  assert.deepEqual(list.json.done.map((x) => x.dispatch_id), [cadres[0].dispatch]);
  assert.deepEqual(list.json.overdue.map((x) => x.dispatch_id), [cadres[1].dispatch]);
  const future = await county.post('/api/v1/talks', { dispatch_id: cadres[0].dispatch, day: '2026-12-15', talker: 'x', notes: 'x' });
  assert.equal(future.json.error.field, 'day');
});

test('evaluations rest on the records; 基本称职 opens a plan and 不称职 recalls', async () => {
  const ev = await county.get(`/api/v1/evaluations/evidence?dispatch_id=${cadres[0].dispatch}&period=2026-H2`);
  assert.equal(ev.status, 200, ev.text);
  assert.equal(ev.json.talks, 1);
  assert.equal(ev.json.months_judged, 5);  // July to November; December has not begun
  assert.equal(ev.json.months_compliant, 0);
  const basic = await county.post('/api/v1/evaluations', { dispatch_id: cadres[0].dispatch, period: '2026-H2', rating: 'basic' });
  assert.equal(basic.status, 201, basic.text);
  assert.equal(basic.json.improvement_plan.status, 'open');
  assert.equal(basic.json.recalled, false);
  const again = await county.post('/api/v1/evaluations', { dispatch_id: cadres[0].dispatch, period: '2026-H2', rating: 'competent' });
  assert.equal(again.status, 409);
  const bad = await county.post('/api/v1/evaluations', { dispatch_id: cadres[1].dispatch, period: '2026-H2', rating: 'great' });
  assert.equal(bad.json.error.field, 'rating');
  const badPeriod = await county.post('/api/v1/evaluations', { dispatch_id: cadres[1].dispatch, period: '2026-H3', rating: 'basic' });
  assert.equal(badPeriod.json.error.field, 'period');
  const recall = await county.post('/api/v1/evaluations', { dispatch_id: cadres[1].dispatch, period: '2026-H2', rating: 'incompetent' });
  assert.equal(recall.json.recalled, true);
  const d = await county.get(`/api/v1/dispatches/${cadres[1].dispatch}`);
  assert.equal(d.json.status, 'recalled');
  assert.match(d.json.status_reason, /不称职/);
  const filing = await county.get('/api/v1/filing');
  assert.ok(filing.json.villages_without_first_secretary.some((v) => v.code === cadres[1].village));
});

test('work funds: the default budget, spending, and no spending beyond the balance', async () => {
  const f = await county.post('/api/v1/funds', { dispatch_id: cadres[0].dispatch, year: 2026, kind: 'first_secretary' });
  assert.equal(f.status, 201, f.text);
  assert.equal(f.json.budget_yuan, 10000);
  const s1 = await county.post(`/api/v1/funds/${f.json.id}/spending`, { day: '2026-11-02', amount_yuan: 6000, purpose: '村道维修' });
  assert.equal(s1.json.balance_yuan, 4000);
  const over = await county.post(`/api/v1/funds/${f.json.id}/spending`, { day: '2026-11-03', amount_yuan: 4001, purpose: '超支' });
  assert.equal(over.status, 400);
  assert.equal(over.json.error.field, 'amount_yuan');
  const list = await county.get('/api/v1/funds?year=2026');
  assert.deepEqual(list.json.items.map((i) => [i.budget_yuan, i.spent_yuan, i.balance_yuan]), [[10000, 6000, 4000]]);
  const team = await county.post('/api/v1/funds', { dispatch_id: cadres[0].dispatch, year: 2026, kind: 'team' });
  assert.equal(team.json.budget_yuan, 50000);
});

test('the record manual gathers the year', async () => {
  assert.equal((await county.post('/api/v1/awards', { person_id: cadres[0].person, year: 2026, title: '优秀驻村第一书记' })).status, 201);
  const m = await county.get(`/api/v1/people/${cadres[0].person}/record-manual?year=2026`);
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.name, '干部1');
  assert.deepEqual(m.json.awards, ['优秀驻村第一书记']);
  assert.equal(m.json.dispatches[0].evaluations[0].rating, 'basic');
  assert.equal(m.json.dispatches[0].presence.talks, 1);
  assert.equal(m.json.dispatches[0].village_name, '咀头街村委会');
});
