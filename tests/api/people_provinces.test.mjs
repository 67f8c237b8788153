// The person registry across provinces: one person per ID number nationally, a record that moves
// to another province, and — on PostgreSQL, where people are partitioned by province (migration
// 0018) — the national key in person_id_numbers and a scoped list that reads one partition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, sql, DB_KIND } from './harness.mjs';
import { idNumber } from './id_numbers.mjs';

const pgOnly = DB_KIND !== 'postgres' && 'PostgreSQL partitions only (api_tests_postgres)';
const TAKEN = idNumber('420323', '19800312', 17);
let server, admin, hubei, shaanxi;

before(async () => {
  server = await startServer({ counties: ['610331', '420323'] });
  admin = await adminClient(server.base);
});
after(async () => { await server?.stop(); });

test('an ID number registered in one province is refused in another', async () => {
  const a = await admin.post('/api/v1/people', { name: '周建华', sex: 'M', id_number: TAKEN, region_code: '420323' });
  assert.equal(a.status, 201, a.text);
  hubei = a.json;
  const again = await admin.post('/api/v1/people', { name: '周建华', sex: 'M', id_number: TAKEN, region_code: '610331' });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.json.error.field, 'id_number');
  assert.match(again.json.error.message, /该身份证号的人员已在人员库中/);

  const b = await admin.post('/api/v1/people', { name: '吴秀英', sex: 'F', id_number: idNumber('610331', '19850704', 24),
                                                 region_code: '610331' });
  assert.equal(b.status, 201, b.text);
  shaanxi = b.json;
  const taken = await admin.request('PATCH', `/api/v1/people/${shaanxi.id}`, { id_number: TAKEN });
  assert.equal(taken.status, 409, taken.text);
  assert.equal(taken.json.error.field, 'id_number');
  const names = async (region) =>
    (await admin.get(`/api/v1/people?region=${region}&page_size=100`)).json.items.map((p) => p.name);
  assert.deepEqual(await names('420323'), ['周建华']);
  assert.deepEqual(await names('610331'), ['吴秀英']);
});

test('a person whose record moves to another province keeps its id and its ID number', async () => {
  const moved = await admin.request('PATCH', `/api/v1/people/${hubei.id}`, { region_code: '610331', name: '周建国' });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.id, hubei.id);
  assert.ok(moved.json.region.code.startsWith('610331'), moved.text);
  assert.equal(moved.json.name, '周建国');
  assert.equal(moved.json.id_number, hubei.id_number);
  const list = (await admin.get('/api/v1/people?region=610331&page_size=100')).json.items;
  assert.deepEqual(list.map((p) => p.id).sort(), [hubei.id, shaanxi.id].sort());
  assert.equal((await admin.get('/api/v1/people?region=420323')).json.total, 0);
  // Found by its full ID number from its new province, and still the one person with it.
  const found = (await admin.get(`/api/v1/people?region=610331&q=${TAKEN}`)).json.items;
  assert.deepEqual(found.map((p) => p.id), [hubei.id]);
  const again = await admin.post('/api/v1/people', { name: '周建华', sex: 'M', id_number: TAKEN, region_code: '420323' });
  assert.equal(again.status, 409, again.text);
  // And back again.
  const back = await admin.request('PATCH', `/api/v1/people/${hubei.id}`, { region_code: '420323' });
  assert.equal(back.status, 200, back.text);
  assert.ok(back.json.region.code.startsWith('420323'), back.text);
});

test('PostgreSQL: each row in its province partition, each ID number once in person_id_numbers', { skip: pgOnly }, () => {
  const where = (id) => sql(server, `SELECT tableoid::regclass FROM people WHERE id = ${id}`).trim();
  assert.equal(where(hubei.id), 'people_p42');
  assert.equal(where(shaanxi.id), 'people_p61');
  const counts = sql(server, 'SELECT (SELECT COUNT(*) FROM people WHERE id_number_hash IS NOT NULL), ' +
                             '(SELECT COUNT(*) FROM person_id_numbers), (SELECT COUNT(*) FROM person_id_numbers n JOIN ' +
                             'people p ON p.id = n.person_id AND p.id_number_hash = n.id_number_hash)').trim();
  const [people, keys, matching] = counts.split('|').map(Number);
  assert.ok(people >= 2);
  assert.equal(keys, people);
  assert.equal(matching, people);
  assert.equal(sql(server, "SELECT relkind FROM pg_class WHERE relname = 'people'").trim(), 'p');
  assert.equal(sql(server, "SELECT COUNT(*) FROM pg_constraint WHERE confrelid = 'people'::regclass").trim(), '0');
});

test('PostgreSQL: a writer that skips the check still cannot store a second person with an ID number', { skip: pgOnly }, () => {
  // Straight into another province's partition, past the routes: the trigger refuses it.
  let error = '';
  try {
    sql(server, 'INSERT INTO people(name, sex, id_number_hash, region_code, created_at) ' +
                `SELECT '冒名', 'M', id_number_hash, (SELECT region_code FROM people WHERE id = ${shaanxi.id}), 0 ` +
                `FROM people WHERE id = ${hubei.id}`);
  } catch (e) {
    error = `${e.stderr}`;
  }
  assert.match(error, /该身份证号的人员已在人员库中/);
  assert.equal(sql(server, "SELECT COUNT(*) FROM people WHERE name = '冒名'").trim(), '0');
});

test('PostgreSQL: a scoped people query reads one partition', { skip: pgOnly }, () => {
  // The list route's own condition, with the county's code range: planned with the values, and as a
  // generic plan (the driver's prepared statements), where the other partitions are pruned at start.
  const query = "SELECT COUNT(*) FROM people p WHERE p.region_code BETWEEN $1 AND $2 AND ($3 = '' OR p.name LIKE $4)";
  const partitions = (plan) => [...new Set(plan.match(/people_(p\d\d|other)\b/g) ?? [])];
  const custom = sql(server, `PREPARE q(text, text, text, text) AS ${query}; SET plan_cache_mode = force_custom_plan; ` +
                             "EXPLAIN EXECUTE q('610331000000', '610331999999', '', '%')");
  assert.deepEqual(partitions(custom), ['people_p61'], custom);
  const generic = sql(server, `PREPARE q(text, text, text, text) AS ${query}; SET plan_cache_mode = force_generic_plan; ` +
                              "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " +
                              "EXECUTE q('420323000000', '420323999999', '', '%')");
  assert.deepEqual(partitions(generic), ['people_p42'], generic);
  assert.match(generic, /Subplans Removed: 34/, generic);
});
