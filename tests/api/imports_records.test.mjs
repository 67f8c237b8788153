// Spreadsheet import of collective income and of stationed cadres over real HTTP: template,
// preview with row errors, all-or-nothing, good rows, re-import without duplicates, export →
// import round trip, rows naming a region outside the caller's scope refused one by one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, sql } from './harness.mjs';
import { idNumber } from './id_numbers.mjs';

const PASSWORD = 'Import-Pass-2026-ok';
const VILLAGE = '610331100200';
const VILLAGE2 = '610331100201';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server, admin, org, leader, farVillage;

async function send(client, method, path, body, contentType = 'text/csv') {
  const headers = { cookie: client.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = client.csrf;
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(server.base + path, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(bytes.toString('utf8')); } catch { /* a file */ }
  return { status: res.status, bytes, json, headers: res.headers };
}
const count = (table, where = '1 = 1') => Number(sql(server, `SELECT COUNT(*) FROM ${table} WHERE ${where}`).trim());

// The common checks of a kind: preview, all-or-nothing, good rows, re-import, round trip.
async function roundTrip(kind, file, { rows, failed, table }) {
  const t = await send(org, 'GET', `/api/v1/imports/${kind}/template`);
  assert.equal(t.status, 200);
  assert.equal(t.bytes.subarray(0, 2).toString(), 'PK');
  const before = count(table);
  const p = await send(org, 'POST', `/api/v1/imports/${kind}/preview`, file);
  assert.equal(p.status, 200, p.bytes.toString());
  assert.deepEqual([p.json.rows, p.json.failed, p.json.inserted, p.json.written], [rows, failed, rows - failed, false]);
  const all = await send(org, 'POST', `/api/v1/imports/${kind}?mode=all`, file);
  assert.equal(all.json.written, false);
  assert.equal(count(table), before);
  const good = await send(org, 'POST', `/api/v1/imports/${kind}?mode=good`, file);
  assert.equal(good.json.written, true);
  assert.equal(good.json.inserted, rows - failed);
  assert.equal(count(table), before + rows - failed);
  const again = await send(org, 'POST', `/api/v1/imports/${kind}?mode=good`, file);
  assert.deepEqual([again.json.inserted, again.json.updated, again.json.unchanged], [0, 0, rows - failed]);
  assert.equal(count(table), before + rows - failed);
  const csv = (await send(org, 'GET', `/api/v1/imports/${kind}/export?format=csv`)).bytes.toString();
  const x = await send(org, 'GET', `/api/v1/imports/${kind}/export`);
  const back = await send(org, 'POST', `/api/v1/imports/${kind}?mode=all`, x.bytes, XLSX);
  assert.equal(back.status, 200, back.bytes.toString());
  assert.deepEqual([back.json.failed, back.json.inserted, back.json.updated], [0, 0, 0]);
  assert.equal((await send(org, 'GET', `/api/v1/imports/${kind}/export?format=csv`)).bytes.toString(), csv);
  return p.json;
}

before(async () => {
  server = await startServer({
    counties: ['610331', '420323'],
    users: [
      { username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
      { username: 'taibai_leader', scope: '610331', roles: 'leader', password: PASSWORD },
    ],
  });
  admin = await adminClient(server.base);
  org = new Client(server.base);
  assert.equal((await org.login('taibai_org', PASSWORD)).status, 200);
  leader = new Client(server.base);
  assert.equal((await leader.login('taibai_leader', PASSWORD)).status, 200);
  farVillage = sql(server, "SELECT MIN(code) FROM regions WHERE code LIKE '420323%' AND substr(code, 10, 3) <> '000'").trim();
});
after(async () => { await server?.stop(); });

test('collective_income: row checks, scope, re-import and round trip', async () => {
  const file = ['村代码,年度,收入项目,金额（元）,凭证文件名,凭证SHA-256',
    `${VILLAGE},2025,经营性收入,52000,,`,
    `${VILLAGE},2025,发包收入,8000,合同.pdf,${'a'.repeat(64)}`,
    `${VILLAGE2},2025,subsidy,30000,,`,
    `${VILLAGE},2025,经营性收入,1,,`,
    `${VILLAGE},2025,发包收入,-5,,`,
    `${VILLAGE},2025,投资收益,100,只有文件名.pdf,`,
    `610331100,2025,其他收入,100,,`,
    `${farVillage},2025,其他收入,100,,`].join('\n');
  const p = await roundTrip('collective_income', file, { rows: 8, failed: 5, table: 'collective_income' });
  const byRow = Object.fromEntries(p.errors.map((e) => [e.row, e]));
  assert.match(byRow[5].reason, /重复/);
  assert.equal(byRow[6].column, '金额（元）');
  assert.equal(byRow[7].column, '凭证SHA-256');
  assert.match(byRow[8].reason, /村/);
  assert.match(byRow[9].reason, /管辖范围/);
  // A corrected amount replaces the old one.
  const fix = await send(org, 'POST', '/api/v1/imports/collective_income?mode=all', ['村代码,年度,收入项目,金额（元）', `${VILLAGE},2025,经营性收入,60000`].join('\n'));
  assert.equal(fix.json.updated, 1);
  assert.equal(sql(server, `SELECT amount_yuan FROM collective_income WHERE village_code = '${VILLAGE}' AND item = 'operating'`).trim(), '60000');
  assert.equal((await send(leader, 'GET', '/api/v1/imports/collective_income/template')).status, 403);
  assert.equal((await send(leader, 'GET', '/api/v1/imports/collective_income/export')).status, 200);
});

test('dispatches: people by ID number, units by name, the post rules, re-import and round trip', async () => {
  const a = idNumber('610331', '19850101', 201), b = idNumber('610331', '19860101', 202), c = idNumber('610331', '19870101', 203);
  const nobody = idNumber('610331', '19880101', 204);
  const people = await send(org, 'POST', '/api/v1/imports/people?mode=all', ['姓名,身份证号,所属区划代码',
    `周一,${a},610331`, `吴二,${b},610331`, `郑三,${c},610331`].join('\n'));
  assert.equal(people.json.inserted, 3, people.bytes.toString());
  const unit = await org.post('/api/v1/sending-units', { name: '县农业农村局', level: 'county', region_code: '610331' });
  assert.equal(unit.status, 201, JSON.stringify(unit.json));
  const file = ['姓名,身份证号,驻村代码,选派身份,派出单位,任期开始,任期结束,是否参保',
    `周一,${a},${VILLAGE},第一书记,县农业农村局,2025-03-01,2027-03-01,是`,
    `吴二,${b},${VILLAGE},工作队员,县农业农村局,2025-03-01,2027-03-01,否`,
    `郑三,${c},${VILLAGE},第一书记,县农业农村局,2025-03-01,2027-03-01,否`,
    `吴二,${b},${VILLAGE2},工作队员,县农业农村局,2025-03-01,2027-03-01,否`,
    `某人,${nobody},${VILLAGE2},工作队员,县农业农村局,2025-03-01,2027-03-01,否`,
    `郑三,${c},${VILLAGE2},工作队员,省委组织部,2025-03-01,2027-03-01,否`,
    `郑三,${c},${VILLAGE2},工作队员,县农业农村局,2025-03-01,2024-03-01,否`,
    `郑三,${c},${farVillage},工作队员,县农业农村局,2025-03-01,2027-03-01,否`].join('\n');
  const p = await roundTrip('dispatches', file, { rows: 8, failed: 6, table: 'dispatches' });
  const byRow = Object.fromEntries(p.errors.map((e) => [e.row, e]));
  assert.match(byRow[4].reason, /第一书记/);
  assert.match(byRow[5].reason, /同一人/);
  assert.match(byRow[6].reason, /人员库中没有/);
  assert.equal(byRow[7].column, '派出单位');
  assert.equal(byRow[8].column, '任期结束');
  assert.match(byRow[9].reason, /管辖范围/);
  assert.equal(count('dispatch_history'), 2);
  // The posts are the route's: one in post per person, visible in the list.
  const list = await org.get(`/api/v1/dispatches?village=${VILLAGE}`);
  assert.equal(list.status, 200);
  // A corrected term end is an update of the same post.
  const fix = await send(org, 'POST', '/api/v1/imports/dispatches?mode=all', [file.split('\n')[0],
    `周一,${a},${VILLAGE},第一书记,县农业农村局,2025-03-01,2027-06-30,是`].join('\n'));
  assert.equal(fix.json.updated, 1, fix.bytes.toString());
  assert.equal(count('dispatches'), 2);
  const masked = (await send(leader, 'GET', '/api/v1/imports/dispatches/export?format=csv')).bytes.toString();
  assert.ok(!masked.includes(a));
});

test('training: classes by region, title and start day; trainees by ID number; attendance and certificates', async () => {
  const a = idNumber('610331', '19750101', 301), b = idNumber('610331', '19760101', 302);
  const far = idNumber('420323', '19770101', 303), nobody = idNumber('610331', '19780101', 304);
  const people = await send(org, 'POST', '/api/v1/imports/people?mode=all', ['姓名,身份证号,所属区划代码',
    `冯甲,${a},${VILLAGE}`, `陈乙,${b},${VILLAGE2}`].join('\n'));
  assert.equal(people.json.inserted, 2, people.bytes.toString());
  const farPeople = await send(admin, 'POST', '/api/v1/imports/people?mode=all', ['姓名,身份证号,所属区划代码', `褚丙,${far},${farVillage}`].join('\n'));
  assert.equal(farPeople.json.inserted, 1, farPeople.bytes.toString());
  const head = '举办地区代码,班次名称,培训层级,主办单位,培训主题,开始日期,结束日期,学时,学员姓名,学员身份证号,参训情况';
  const cls = '610331,村干部乡村振兴专题培训,县级,县委组织部,产业发展,2025-04-01,2025-04-03,24';
  const file = [head,
    `${cls},冯甲,${a},已参训`,
    `${cls},陈乙,${b},`,
    `${cls},冯甲,${a},缺训`,
    `${cls},无名,${nobody},`,
    `${cls},褚丙,${far},`,
    `610331,村干部乡村振兴专题培训,县级,县委组织部,产业发展,2025-04-01,2025-04-05,24,陈乙,${b},`,
    `${farVillage},外县班,县级,外县,,2025-04-01,2025-04-03,24,冯甲,${a},`].join('\n');
  const p = await roundTrip('training', file, { rows: 7, failed: 5, table: 'training_trainees' });
  const byRow = Object.fromEntries(p.errors.map((e) => [e.row, e]));
  assert.match(byRow[4].reason, /重复/);
  assert.match(byRow[5].reason, /人员库中没有/);
  assert.match(byRow[6].reason, /管辖范围/);
  assert.match(byRow[7].reason, /不一致/);
  assert.match(byRow[8].reason, /管辖范围/);
  assert.equal(count('training_classes'), 1);
  assert.match(sql(server, "SELECT certificate_no FROM training_trainees WHERE attendance = 'attended'"), /^PX2025-\d{4}-\d{6}/);
  // Attendance marked later: an update of the same enrolment.
  const mark = await send(org, 'POST', '/api/v1/imports/training?mode=all', [head, `${cls},陈乙,${b},已参训`].join('\n'));
  assert.equal(mark.json.updated, 1, mark.bytes.toString());
  assert.equal(count('training_trainees'), 2);
  assert.equal(count('training_trainees', "certificate_no IS NOT NULL"), 2);
});

test('village_cadres and reserve_cadres: people by ID number, the post rules, re-import and round trip', async () => {
  const a = idNumber('610331', '19700101', 401), b = idNumber('610331', '19710101', 402), c = idNumber('610331', '19720101', 403);
  const far = idNumber('420323', '19730101', 404), nobody = idNumber('610331', '19740101', 405);
  const people = await send(org, 'POST', '/api/v1/imports/people?mode=all', ['姓名,身份证号,所属区划代码',
    `蒋一,${a},${VILLAGE}`, `沈二,${b},${VILLAGE}`, `韩三,${c},${VILLAGE2}`].join('\n'));
  assert.equal(people.json.inserted, 3, people.bytes.toString());
  assert.equal((await send(admin, 'POST', '/api/v1/imports/people?mode=all', ['姓名,身份证号,所属区划代码', `杨四,${far},${farVillage}`].join('\n'))).json.inserted, 1);

  const posts = ['村代码,姓名,身份证号,职务,任职日期',
    `${VILLAGE},蒋一,${a},村党组织书记,2021-01-10`,
    `${VILLAGE},蒋一,${a},村委会主任,2021-01-10`,
    `${VILLAGE},沈二,${b},村委会委员,2021-01-10`,
    `${VILLAGE},沈二,${b},村党组织书记,2021-01-10`,
    `${VILLAGE2},无名,${nobody},村委会委员,2021-01-10`,
    `${VILLAGE2},杨四,${far},村委会委员,2021-01-10`,
    `${farVillage},韩三,${c},村委会委员,2021-01-10`].join('\n');
  const p = await roundTrip('village_cadres', posts, { rows: 7, failed: 4, table: 'village_posts' });
  const byRow = Object.fromEntries(p.errors.map((e) => [e.row, e]));
  assert.match(byRow[5].reason, /同一职务/);
  assert.match(byRow[6].reason, /人员库中没有/);
  assert.match(byRow[7].reason, /管辖范围/);
  assert.match(byRow[8].reason, /管辖范围/);
  // 一肩挑 as the list shows it: the secretary is also the director.
  const list = await org.get(`/api/v1/village-posts?village=${VILLAGE}`);
  assert.equal(list.status, 200);
  // A second secretary in office is refused, as by the route.
  const second = await send(org, 'POST', '/api/v1/imports/village_cadres/preview', [posts.split('\n')[0], `${VILLAGE},沈二,${b},村党组织书记,2024-01-10`].join('\n'));
  assert.match(second.json.errors[0].reason, /已有在任/);

  const reserve = ['村代码,姓名,身份证号,来源,备注',
    `${VILLAGE},沈二,${b},返乡青年,种植大户`,
    `${VILLAGE2},韩三,${c},退役军人,`,
    `${VILLAGE2},韩三,${c},退役军人,重复`,
    `${VILLAGE2},杨四,${far},其他,`,
    `${VILLAGE2},韩三,${c},能人,`].join('\n');
  const r = await roundTrip('reserve_cadres', reserve, { rows: 5, failed: 3, table: 'reserve_cadres' });
  const rByRow = Object.fromEntries(r.errors.map((e) => [e.row, e]));
  assert.match(rByRow[4].reason, /重复/);
  assert.match(rByRow[5].reason, /管辖范围/);
  assert.equal(rByRow[6].column, '来源');
  const fix = await send(org, 'POST', '/api/v1/imports/reserve_cadres?mode=all', [reserve.split('\n')[0], `${VILLAGE},沈二,${b},致富能手,种植大户`].join('\n'));
  assert.equal(fix.json.updated, 1);
  assert.equal((await send(leader, 'GET', '/api/v1/imports/reserve_cadres/template')).status, 403);
});
