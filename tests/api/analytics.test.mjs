// Indicators and rollups over real HTTP: a write shows in the rollups within one second (no batch
// job), values equal SQL over the records for the county, its township and its villages, rankings
// carry previous period, change, targets and laggards, user-defined formulas are validated, and
// bad input (unknown indicator, malformed formula, a period that does not exist) is refused by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, sql } from './harness.mjs';

const COUNTY = '610331000000';
const TOWNSHIP = '610331100000';
const VILLAGE = '610331100200';
const PASSWORD = 'Rollup-Pass-2026-ok';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);
const offsetTo = (iso) => at(iso) - Math.floor(Date.now() / 1000);

function idNumber(birth, seq, area = '610331') {
  const body = area + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

let server, county, fs, outsider;
const householdIds = [];

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(offsetTo('2026-11-20T10:00:00+08:00'))],
    users: [
      { username: 'an_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
      { username: 'an_fs', scope: VILLAGE, roles: 'first_secretary', password: PASSWORD },
      { username: 'an_other', scope: '610331101', roles: 'township_admin', password: PASSWORD },
    ],
  });
  await adminClient(server.base);
  const login = async (u) => { const c = new Client(server.base); assert.equal((await c.login(u, PASSWORD)).status, 200); return c; };
  county = await login('an_org');
  fs = await login('an_fs');
  outsider = await login('an_other');
  for (let i = 0; i < 6; i++) {
    const r = await county.post('/api/v1/households', {
      village_code: VILLAGE, villager_group: '一组', status_since: '2025-12-01',
      members: [{ name: `户主${i}`, relation: 'head', id_number: idNumber('1960-01-0' + (i + 1), 700 + 2 * i + 1) }],
    });
    assert.equal(r.status, 201, r.text);
    householdIds.push(r.json.id);
  }
});
after(async () => { await server?.stop(); });

const value = async (client, indicator, region, period) => {
  const r = await client.get(`/api/v1/rollups?indicators=${indicator}&region=${region}&period=${period}`);
  assert.equal(r.status, 200, r.text);
  return r.json.values[0].value;
};
const sqlNumber = (q) => Number(sql(server, q).trim());

test('a visit shows in the rollups of the village, township and county within one second', async () => {
  const before = await value(county, 'visits.count', COUNTY, '2026-11');
  const r = await fs.post('/api/v1/visits', { household_id: householdIds[0], day: '2026-11-18', satisfaction: 'satisfied' });
  assert.equal(r.status, 201, r.text);
  const written = Date.now();
  let seen = null;
  while (Date.now() - written < 3000) {
    if ((await value(county, 'visits.count', COUNTY, '2026-11')) === before + 1) { seen = Date.now() - written; break; }
    await new Promise((res) => setTimeout(res, 20));
  }
  assert.ok(seen !== null, 'the visit never reached the county rollup');
  assert.ok(seen < 1000, `the visit took ${seen} ms to reach the rollups`);
  assert.equal(await value(county, 'visits.count', VILLAGE, '2026-11-18'), 1);
  assert.equal(await value(county, 'visits.count', TOWNSHIP, '2026-W47'), 1);
});

test('rollups equal SQL over the records for the county, township and village in several periods', async () => {
  const scale = ['satisfied', 'basic', 'unsatisfied'];
  const days = ['2026-09-30', '2026-10-01', '2026-10-15', '2026-11-02', '2026-11-18', '2026-11-19'];
  for (let i = 0; i < 18; i++) {
    const r = await fs.post('/api/v1/visits', { household_id: householdIds[i % 6], day: days[i % days.length], satisfaction: scale[i % 3] });
    assert.equal(r.status, 201, r.text);
  }
  await new Promise((res) => setTimeout(res, 600));
  for (const region of [COUNTY, TOWNSHIP, VILLAGE]) {
    const prefix = region.replace(/0+$/, '');
    for (const period of ['2026-10', '2026-11', '2026-Q4', '2026', '2026-W47', '2026-09-30..2026-10-15']) {
      const [from, to] = period === '2026-10' ? ['2026-10-01', '2026-10-31'] : period === '2026-11' ? ['2026-11-01', '2026-11-30']
        : period === '2026-Q4' ? ['2026-10-01', '2026-12-31'] : period === '2026' ? ['2026-01-01', '2026-12-31']
          : period === '2026-W47' ? ['2026-11-16', '2026-11-22'] : ['2026-09-30', '2026-10-15'];
      const where = `village_code LIKE '${prefix}%' AND day BETWEEN '${from}' AND '${to}'`;
      assert.equal(await value(county, 'visits.count', region, period), sqlNumber(`SELECT COUNT(*) FROM visits WHERE ${where}`), `${region} ${period}`);
      assert.equal(await value(county, 'visits.households_visited', region, period),
        sqlNumber(`SELECT COUNT(DISTINCT household_id) FROM visits WHERE ${where}`), `${region} ${period} households`);
      const n = sqlNumber(`SELECT COUNT(*) FROM visits WHERE ${where}`);
      const ok = sqlNumber(`SELECT COUNT(*) FROM visits WHERE ${where} AND satisfaction IN ('satisfied', 'basic')`);
      const sat = await value(county, 'visits.satisfaction', region, period);
      if (n === 0) assert.equal(sat, null); else assert.ok(Math.abs(sat - (100 * ok) / n) < 1e-3, `${region} ${period}: ${sat}`);
    }
  }
  assert.equal(await value(county, 'households.total', VILLAGE, '2026'), sqlNumber(`SELECT COUNT(*) FROM households WHERE village_code = '${VILLAGE}' AND active = 1`));
  assert.equal(await value(county, 'regions.villages', COUNTY, '2026'), sqlNumber(`SELECT COUNT(*) FROM regions WHERE level = 5 AND code LIKE '610331%'`));
});

test('rankings give each child its value, the previous period, the change, the target and the laggards', async () => {
  const t = await county.put('/api/v1/indicator-targets', { indicator: 'visits.coverage', region: '610331', year: 2026, target: 50 });
  assert.equal(t.status, 200, t.text);
  const r = await county.get(`/api/v1/rankings?indicator=visits.coverage&region=${COUNTY}&period=2026-11`);
  assert.equal(r.status, 200, r.text);
  const town = r.json.items.find((i) => i.code === TOWNSHIP);
  assert.ok(town, 'the township is ranked');
  assert.equal(town.target, 50);
  assert.equal(typeof town.value, 'number');
  assert.equal(town.meets_target, town.value >= 50);
  assert.equal(r.json.previous_period.label, '2026-10');
  const others = r.json.items.filter((i) => i.code !== TOWNSHIP);
  for (const o of others) assert.equal(o.value, null, `${o.name} has no households, so no coverage`);
  assert.equal(r.json.items[0].code, TOWNSHIP, 'the only township with a value ranks first');
  assert.deepEqual(r.json.laggards.map((l) => l.code), town.meets_target ? [] : [TOWNSHIP]);

  const trend = await county.get(`/api/v1/trends?indicators=visits.count&region=${COUNTY}&kind=month&count=3&to=2026-11-20`);
  assert.equal(trend.status, 200, trend.text);
  assert.deepEqual(trend.json.periods, ['2026-09', '2026-10', '2026-11']);
  const dash = await county.get(`/api/v1/dashboard?region=${COUNTY}&period=2026-11`);
  assert.equal(dash.status, 200, dash.text);
  const coverage = dash.json.cards.find((c) => c.indicator === 'visits.coverage');
  assert.equal(coverage.target, 50);
});

test('user-defined indicators: saved formulas are validated and answer like built-ins', async () => {
  const bad = [
    [{ id: 'custom.x', name: 'x', direction: 'higher', formula: '#{visits.count} / #{no.such}' }, 'formula', /no\.such/],
    [{ id: 'custom.x', name: 'x', direction: 'higher', formula: '#{visits.count} / (1 - 1)' }, 'formula', /除数恒为零/],
    [{ id: 'custom.x', name: 'x', direction: 'higher', formula: '(#{visits.count}' }, 'formula', /右括号/],
    [{ id: 'Custom X', name: 'x', direction: 'higher', formula: '1' }, 'id', /小写/],
    [{ id: 'custom.x', name: 'x', direction: 'sideways', formula: '1' }, 'direction', /higher/],
    [{ id: 'visits.count', name: 'x', direction: 'higher', formula: '1' }, 'id', /内置/],
  ];
  for (const [body, field, message] of bad) {
    const r = await county.post('/api/v1/indicators', body);
    assert.equal(r.status, r.json.error.code === 'conflict' ? 409 : 400, r.text);
    assert.equal(r.json.error.field, field, r.text);
    assert.match(r.json.error.message, message);
  }
  const ok = await county.post('/api/v1/indicators', { id: 'custom.unsatisfied_rate', name: '不满意率', unit: '%', direction: 'lower',
    formula: '#{visits.unsatisfied} / #{visits.count} * 100' });
  assert.equal(ok.status, 201, ok.text);
  const cycle = await county.post('/api/v1/indicators', { id: 'custom.twice', name: 'x', direction: 'lower', formula: '#{custom.unsatisfied_rate} * 2' });
  assert.equal(cycle.status, 201, cycle.text);
  const loop = await county.post('/api/v1/indicators', { id: 'custom.unsatisfied_rate', name: '不满意率', direction: 'lower', formula: '#{custom.twice}' });
  assert.equal(loop.status, 400, loop.text);
  assert.match(loop.json.error.message, /循环/);
  const v = await value(county, 'custom.twice', COUNTY, '2026-Q4');
  const n = sqlNumber(`SELECT COUNT(*) FROM visits WHERE day BETWEEN '2026-10-01' AND '2026-12-31'`);
  const u = sqlNumber(`SELECT COUNT(*) FROM visits WHERE day BETWEEN '2026-10-01' AND '2026-12-31' AND satisfaction = 'unsatisfied'`);
  assert.ok(Math.abs(v - (200 * u) / n) < 1e-3, `${v}`);
  assert.equal((await county.del('/api/v1/indicators?id=custom.unsatisfied_rate')).status, 409, 'still used by custom.twice');
  assert.equal((await county.del('/api/v1/indicators?id=custom.twice')).status, 204);
  assert.equal((await fs.post('/api/v1/indicators', { id: 'custom.y', name: 'y', direction: 'higher', formula: '1' })).status, 403);
});

test('bad input is refused by name, and regions outside the scope do not exist', async () => {
  const cases = [
    ['/api/v1/rollups?indicators=no.such&region=610331', 'indicators'],
    ['/api/v1/rollups?indicators=visits.count&region=610331&period=2026-13', 'period'],
    ['/api/v1/rollups?indicators=visits.count&region=610331&period=2026-02-30', 'period'],
    ['/api/v1/rollups?indicators=visits.count&region=610331&period=2026-W54', 'period'],
    ['/api/v1/rollups?region=610331', 'indicators'],
    ['/api/v1/trends?indicators=visits.count&region=610331&kind=fortnight', 'kind'],
    ['/api/v1/rankings?indicator=visits.count,visits.leader&region=610331', 'indicator'],
  ];
  for (const [path, field] of cases) {
    const r = await county.get(path);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.json.error.field, field, path);
  }
  const check = await county.post('/api/v1/indicators/check', { formula: '#{visits.count} +' });
  assert.equal(check.status, 400);
  assert.match(check.json.error.message, /第 \d+ 个字符/);
  assert.equal((await outsider.get(`/api/v1/rollups?indicators=visits.count&region=${TOWNSHIP}`)).status, 404);
  assert.equal((await fs.get(`/api/v1/rollups?indicators=visits.count&region=${COUNTY}`)).status, 404);
  assert.equal((await fs.get(`/api/v1/rollups?indicators=visits.count&region=${VILLAGE}&period=2026-11`)).status, 200);
  assert.equal((await outsider.put('/api/v1/indicator-targets', { indicator: 'visits.count', region: VILLAGE, year: 2026, target: 1 })).status, 403);
});
