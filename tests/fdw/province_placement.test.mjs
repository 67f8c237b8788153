// The national layout of docs/SCALING.md, proven on two PostgreSQL servers on loopback: one
// installation keeps Hubei (province 42) on a second server through postgres_fdw foreign
// partitions, another keeps everything on one server. The same requests — people, postings,
// check-ins (one outside the radius, one retried), work logs, households and visits with a
// follow-up, people moving into and out of the placed province, an ID number refused across
// provinces, lists, the month's presence and visit coverage, the audit log — get the same answers
// from both, and Hubei's rows really live on the second server.
// Run through tests/run_with_pg.sh with ZX_DB=postgres (the first server); this test starts the
// second itself (scripts/pg.sh with ZX_PG_DIR=var/pg-test-2) and stops it afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startServer, adminClient, zx, sql } from '../api/harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const SECOND = { ...process.env, ZX_PG_DIR: `${ROOT}var/pg-test-2` };
const HUBEI_VILLAGE = '420323100001';   // 竹山县
const SHAANXI_VILLAGE = '610331100200'; // 太白县
const POS = { [HUBEI_VILLAGE]: { latitude: 32.2246, longitude: 110.2285 },
              [SHAANXI_VILLAGE]: { latitude: 34.0626, longitude: 107.3197 } };
const at = (iso) => Math.floor(Date.parse(iso) / 1000);

let single, placed, secondBase, provinceDb, placeOutput;

function psql(url, query) {
  return execFileSync('psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' }).trim();
}

before(async () => {
  assert.equal(process.env.ZX_DB, 'postgres', 'run with ZX_DB=postgres through tests/run_with_pg.sh');
  secondBase = execFileSync(`${ROOT}scripts/pg.sh`, ['start'], { env: SECOND, encoding: 'utf8' }).trim();
  const name = 'zx_province_' + randomBytes(5).toString('hex');
  psql(secondBase, `CREATE DATABASE ${name}`);
  const u = new URL(secondBase);
  u.pathname = '/' + name;
  provinceDb = u.toString();
  const serveArgs = ['--clock-offset-seconds', String(at('2026-11-20T09:00:00+08:00') - Math.floor(Date.now() / 1000))];
  single = await startServer({ counties: ['610331', '420323'], serveArgs });
  placed = await startServer({ counties: ['610331', '420323'], serveArgs });
  placeOutput = zx(['db', 'place-province', '--db', placed.db, '--province', '42', '--server', provinceDb]);
});

after(async () => {
  await single?.stop();
  await placed?.stop();
  if (provinceDb) psql(secondBase, `DROP DATABASE IF EXISTS ${new URL(provinceDb).pathname.slice(1)} WITH (FORCE)`);
  execFileSync(`${ROOT}scripts/pg.sh`, ['stop'], { env: SECOND });
});

// Server times, hashes and session-bound values differ between two installations by nature.
function normalized(value) {
  if (Array.isArray(value)) return value.map(normalized);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (/(^at$|_at$|server_time|hash|request_id|remote_addr)/.test(k)) continue;
      out[k] = normalized(v);
    }
    return out;
  }
  return value;
}

// One county organization department's month in both provinces; every answer is recorded.
async function scenario(server) {
  const answers = [];
  const admin = await adminClient(server.base);
  const record = async (what, res) => {
    assert.ok(res.status < 500, `${what}: ${res.status} ${res.text}`);
    answers.push({ what, status: res.status, body: normalized(res.json) });
    return res;
  };
  for (const v of [HUBEI_VILLAGE, SHAANXI_VILLAGE])
    await record(`position ${v}`, await admin.request('PUT', `/api/v1/regions/${v}/position`, POS[v]));
  const unit = await record('unit', await admin.post('/api/v1/sending-units', { name: '省委组织部', level: 'provincial', region_code: '420323' }));
  const people = [['李明', '110101199003074514', HUBEI_VILLAGE], ['赵红', '110101198502153212', SHAANXI_VILLAGE]];
  for (const [name, idNumber, village] of people) {
    const person = await record(`person ${name}`, await admin.post('/api/v1/people', {
      name, id_number: idNumber, region_code: village.slice(0, 6),
    }));
    const d = await record(`dispatch ${name}`, await admin.post('/api/v1/dispatches', {
      person_id: person.json.id, village_code: village, role: 'first_secretary', sending_unit_id: unit.json.id,
      term_start: '2026-01-01', term_end: '2027-12-31',
    }));
    for (const day of ['02', '03', '04', '05']) {
      const far = day === '05';
      await record(`check-in ${name} ${day}`, await admin.post('/api/v1/checkins', {
        client_id: `${village}-${day}`, person_id: person.json.id, village_code: village,
        device_time: at(`2026-11-${day}T08:30:00+08:00`),
        ...(far ? { latitude: POS[village].latitude + 0.2, longitude: POS[village].longitude } : POS[village]),
      }));
    }
    await record(`retry ${name}`, await admin.post('/api/v1/checkins', {
      client_id: `${village}-03`, person_id: person.json.id, village_code: village,
      device_time: at('2026-11-03T08:30:00+08:00'), ...POS[village],
    }));
    await record(`log ${name}`, await admin.post('/api/v1/work-logs', {
      dispatch_id: d.json.id, day: '2026-11-06', content: '入户走访', tags: ['visits'],
    }));
    // A household of the village, visited, with a problem to follow up.
    const h = await record(`household ${name}`, await admin.post('/api/v1/households', {
      village_code: village, villager_group: '一组', members: [{ name: `${name}户主`, relation: 'head', sex: 'M' }],
    }));
    await record(`visit ${name}`, await admin.post('/api/v1/visits', {
      household_id: h.json.id, day: '2026-11-10', satisfaction: 'satisfied',
      follow_ups: [{ problem: '房屋漏雨', owner: '村委会', deadline: '2026-12-01' }],
    }));
  }
  // Records that change province: out of the placed province and into it (a DELETE and an INSERT
  // across servers), and an ID number already registered in the other province.
  const moving = [['王芳', 'F', '110101199207163324', '420323', '610331'], ['陈刚', 'M', '110101198811203113', '610331', '420323']];
  for (const [name, sex, idNumber, from, to] of moving) {
    const p = await record(`person ${name}`, await admin.post('/api/v1/people', { name, sex, id_number: idNumber, region_code: from }));
    await record(`move ${name}`, await admin.request('PATCH', `/api/v1/people/${p.json.id}`, { region_code: to, education: 'bachelor' }));
  }
  await record('duplicate across provinces', await admin.post('/api/v1/people', {
    name: '李明', sex: 'M', id_number: '110101199003074514', region_code: '610331' }));
  await record('duplicate of a moved person', await admin.post('/api/v1/people', {
    name: '陈刚', sex: 'M', id_number: '110101198811203113', region_code: '610331' }));
  for (const region of ['420323', '610331', '']) {
    const q = region ? `&region=${region}` : '';
    await record(`people ${region}`, await admin.get(`/api/v1/people?page_size=100${q}`));
    await record(`check-ins ${region}`, await admin.get(`/api/v1/checkins?from=2026-11-01&to=2026-11-30${q}`));
    await record(`month ${region}`, await admin.get(`/api/v1/presence/month?month=2026-11${q}`));
    if (region) await record(`coverage ${region}`, await admin.get(`/api/v1/visits/coverage?region=${region}&period=2026-Q4`));
  }
  await record('audit', await admin.get('/api/v1/audit?page_size=100'));
  await record('audit verify', await admin.get('/api/v1/audit/verify'));
  return answers;
}

test('the province moved to the second server answers exactly like one server', async () => {
  assert.match(placeOutput, /placed checkins_p42/);
  assert.match(placeOutput, /placed audit_log_p42/);
  assert.match(placeOutput, /placed work_logs_p42/);
  assert.match(placeOutput, /placed visits_p42/);
  assert.match(placeOutput, /placed follow_ups_p42/);
  assert.match(placeOutput, /placed people_p42/);
  assert.match(placeOutput, /placed households_p42/);
  const one = await scenario(single);
  const two = await scenario(placed);
  assert.equal(two.length, one.length);
  for (let i = 0; i < one.length; i++) assert.deepEqual(two[i], one[i], `answer to "${one[i].what}" differs`);
  // The answers are not trivially equal: Hubei's check-ins are there, and one retry was not stored twice.
  for (const a of one) if (/^(person|dispatch|check-in|log|unit|household|visit|move)/.test(a.what)) assert.ok(a.status === 200 || a.status === 201, `${a.what}: ${a.status} ${JSON.stringify(a.body)}`);
  for (const a of one) if (/^duplicate/.test(a.what)) assert.equal(a.status, 409, `${a.what}: ${JSON.stringify(a.body)}`);
  const names = (what) => one.find((a) => a.what === what).body.items.map((p) => p.name).sort();
  assert.deepEqual(names('people 420323'), ['李明', '李明户主', '陈刚'].sort());
  assert.deepEqual(names('people 610331'), ['王芳', '赵红', '赵红户主'].sort());
  const hubei = one.find((a) => a.what === "check-ins 420323");
  assert.equal(hubei.body.items.length, 4);
});

test("Hubei's rows live on the second server, the rest on the first", async () => {
  assert.equal(sql(placed, "SELECT relkind FROM pg_class WHERE relname = 'checkins_p42'").trim(), 'f');
  assert.equal(psql(provinceDb, 'SELECT COUNT(*) FROM checkins_p42'), '4');
  assert.equal(psql(provinceDb, 'SELECT COUNT(*) FROM work_logs_p42'), '1');
  assert.equal(psql(provinceDb, 'SELECT COUNT(*) FROM visits_p42'), '1');
  assert.equal(psql(provinceDb, 'SELECT COUNT(*) FROM follow_ups_p42'), '1');
  assert.ok(Number(psql(provinceDb, 'SELECT COUNT(*) FROM audit_log_p42')) > 0);
  assert.equal(sql(placed, 'SELECT COUNT(*) FROM checkins_p61').trim(), '4');
  // People, with the one moved in and without the one moved out; the national key of their ID
  // numbers stays on the first server.
  assert.equal(sql(placed, "SELECT relkind FROM pg_class WHERE relname = 'people_p42'").trim(), 'f');
  assert.deepEqual(psql(provinceDb, 'SELECT name FROM people_p42').split('\n').sort(), ['李明', '李明户主', '陈刚'].sort());
  assert.equal(sql(placed, "SELECT COUNT(*) FROM people_p61 WHERE name = '王芳'").trim(), '1');
  assert.equal(sql(placed, 'SELECT COUNT(*) FROM person_id_numbers').trim(),
               sql(placed, 'SELECT COUNT(*) FROM people WHERE id_number_hash IS NOT NULL').trim());
  assert.equal(psql(provinceDb, "SELECT COUNT(*) FROM pg_class WHERE relname = 'person_id_numbers'"), '0');
  // The retried check-in met the unique index on the second server.
  assert.equal(psql(provinceDb, "SELECT COUNT(*) FROM checkins_p42 WHERE client_id = '420323100001-03'"), '1');
});

test('placing the same province again, or a bad province code, is refused and changes nothing', async () => {
  const again = (args) => {
    try {
      zx(args);
      return null;
    } catch (e) {
      return `${e.stdout}${e.stderr}`;
    }
  };
  assert.match(again(['db', 'place-province', '--db', placed.db, '--province', '42', '--server', provinceDb]),
               /no local partition of province 42/);
  assert.match(again(['db', 'place-province', '--db', placed.db, '--province', '4x', '--server', provinceDb]),
               /province must be the two-digit province code/);
  // A province server that already holds rows of a partition is not mixed into.
  psql(provinceDb, 'CREATE TABLE checkins_p61 (id bigint)');
  psql(provinceDb, 'INSERT INTO checkins_p61 VALUES (1)');
  assert.match(again(['db', 'place-province', '--db', placed.db, '--province', '61', '--server', provinceDb]),
               /already holds rows in checkins_p61/);
  assert.equal(sql(placed, "SELECT relkind FROM pg_class WHERE relname = 'checkins_p61'").trim(), 'r');
});
