// User-defined indicators over the API: a formula checked with the position of its error, defined,
// changed, used in rollups and rankings, refused to a role without indicator.manage, and deleted
// (built-ins are kept).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './harness.mjs';

const PASSWORD = 'Indicator-Pass-2026-ok';
let server, county, village;

before(async () => {
  server = await startServer({
    counties: ['610331'],
    users: [
      { username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
      { username: 'jutou_sec', scope: '610331100200', roles: 'village_secretary', password: PASSWORD },
    ],
  });
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', PASSWORD)).status, 200);
  village = new Client(server.base);
  assert.equal((await village.login('jutou_sec', PASSWORD)).status, 200);
});
after(async () => { await server?.stop(); });

test('a formula error names the field and the character position', async () => {
  const bad = await county.post('/api/v1/indicators/check', { formula: '#{visits.count} / (' });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.field, 'formula');
  assert.match(bad.json.error.message, /第 \d+ 个字符/);
  const unknown = await county.post('/api/v1/indicators/check', { formula: '#{no.such} * 2' });
  assert.equal(unknown.status, 400);
  const ok = await village.post('/api/v1/indicators/check', { formula: '#{visits.satisfied} / #{visits.count} * 100' });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([...ok.json.references].sort(), ['visits.count', 'visits.satisfied']);
});

test('a custom indicator is defined, changed, computed and deleted', async () => {
  const body = { id: 'custom.satisfied_share', name: '满意走访占比', unit: '%', direction: 'higher',
                 formula: '#{visits.satisfied} / #{visits.count} * 100' };
  const created = await county.post('/api/v1/indicators', body);
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.id, body.id);
  assert.equal(created.json.module, 'custom');
  assert.equal(created.json.builtin, false);

  const changed = await county.post('/api/v1/indicators', { ...body, name: '满意走访比例' });
  assert.equal(changed.status, 200, changed.text);
  const list = await county.get('/api/v1/indicators');
  const mine = list.json.items.filter((i) => i.id === body.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].name, '满意走访比例');

  const values = await village.get(`/api/v1/rollups?indicators=${body.id},visits.coverage`);
  assert.equal(values.status, 200, values.text);
  assert.equal(values.json.values[0].indicator, body.id);
  assert.equal(values.json.values[0].value, null);  // no visits yet: a division by zero is no value
  const ranking = await county.get(`/api/v1/rankings?indicator=${body.id}&region=610331100000`);
  assert.equal(ranking.status, 200, ranking.text);
  assert.ok(ranking.json.items.length > 1);

  const refused = await village.post('/api/v1/indicators', { ...body, id: 'custom.other' });
  assert.equal(refused.status, 403, refused.text);

  const builtin = await county.request('DELETE', '/api/v1/indicators?id=visits.coverage');
  assert.equal(builtin.status, 409, builtin.text);
  const gone = await county.request('DELETE', `/api/v1/indicators?id=${body.id}`);
  assert.equal(gone.status, 204, gone.text);
  const after = await county.get('/api/v1/indicators');
  assert.ok(!after.json.items.some((i) => i.id === body.id));
});
