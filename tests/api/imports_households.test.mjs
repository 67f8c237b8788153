// Spreadsheet import of households with their members (one row per member) and of visits, over
// real HTTP: template, preview with row errors, all-or-nothing and good-rows imports, re-import
// without duplicates, export → import round trip (also into a fresh database), out-of-scope rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, Client, sql, zx } from './harness.mjs';
import { idNumber } from './id_numbers.mjs';

const PASSWORD = 'Import-Pass-2026-ok';
const VILLAGE = '610331100200';
const VILLAGE2 = '610331100201';
const OTHER_COUNTY_VILLAGE = '420323100200';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server, admin, org, leader;

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

const H = ['A1', 'A2', 'B1', 'C1', 'D1', 'E1', 'E2'].reduce((m, k, i) => ({ ...m, [k]: idNumber('610331', i % 2 ? '19800101' : '19750505', 101 + i) }), {});
const HEADER = '户编号,户主身份证号,所属村代码,村民小组,家庭住址,户类型,人均纯收入,收入年度,姓名,身份证号,与户主关系,手机号,是否党员,劳动能力,健康状况,在校及文化程度';
// Household 1: head and wife, grouped by 户编号. Household 2: a lone head (grouped by its own ID).
const ROWS_GOOD = [
  `1,,${VILLAGE},一组,咀头街1号,一般户,8500.5,2025,张甲,${H.A1},户主,13812345678,是,普通劳动力,健康,初中`,
  `1,,${VILLAGE},一组,咀头街1号,一般户,8500.5,2025,李乙,${H.A2},配偶,,否,弱劳动力,长期慢性病,小学`,
  `,,${VILLAGE2},三组,塘口2号,已脱贫户,,,王丙,${H.B1},户主,,否,,,`,
];
// Household 3: a member whose relation is unknown. Household 4: in another county.
const ROW_BAD = `3,,${VILLAGE},二组,,一般户,,,赵丁,${H.C1},户主,,否,,,研究生`;
const ROW_OUTSIDE = `4,,${OTHER_COUNTY_VILLAGE},,,一般户,,,钱戊,${H.D1},户主,,否,,,`;
const FILE = [HEADER, ...ROWS_GOOD, ROW_BAD, ROW_OUTSIDE].join('\r\n') + '\r\n';

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
});
after(async () => { await server?.stop(); });

test('households: the template is an XLSX; only household.manage may fetch it', async () => {
  const r = await send(org, 'GET', '/api/v1/imports/households/template');
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  assert.equal((await send(leader, 'GET', '/api/v1/imports/households/template')).status, 403);
  assert.equal((await send(org, 'GET', '/api/v1/imports/visits/template')).status, 200);
});

test('households: preview names bad rows and out-of-scope rows; all-or-nothing writes nothing', async () => {
  const p = await send(org, 'POST', '/api/v1/imports/households/preview', FILE);
  assert.equal(p.status, 200, p.bytes.toString());
  assert.equal(p.json.rows, 5);
  assert.equal(p.json.failed, 2);
  assert.equal(p.json.inserted, 3);
  assert.equal(p.json.written, false);
  const byRow = Object.fromEntries(p.json.errors.map((e) => [e.row, e]));
  assert.equal(byRow[5].column, '在校及文化程度');
  assert.match(byRow[5].reason, /应为以下之一/);
  assert.equal(byRow[6].column, '所属村代码');
  assert.match(byRow[6].reason, /管辖范围/);
  assert.equal(count('households'), 0);

  const all = await send(org, 'POST', '/api/v1/imports/households?mode=all', FILE);
  assert.equal(all.status, 200);
  assert.equal(all.json.written, false);
  assert.equal(count('households'), 0);
  assert.equal(count('people'), 0);

  const report = await send(org, 'POST', '/api/v1/imports/households/error-report', FILE);
  assert.equal(report.status, 200);
  assert.equal(report.bytes.subarray(0, 2).toString(), 'PK');
});

test('households: good rows are written as the registration route would; re-import duplicates nothing', async () => {
  const first = await send(org, 'POST', '/api/v1/imports/households?mode=good', FILE);
  assert.equal(first.status, 200, first.bytes.toString());
  assert.equal(first.json.written, true);
  assert.equal(first.json.inserted, 3);
  assert.equal(count('households'), 2);
  assert.equal(count('household_members'), 3);
  assert.equal(count('household_status_history'), 2);
  assert.ok(!sql(server, 'SELECT id_number_enc || id_number_hash FROM people').includes(H.A1));

  // The household is the same one the registration route shows: members, head first, status.
  const id = Number(sql(server, `SELECT household_id FROM household_members m JOIN people p ON p.id = m.person_id WHERE p.name = '张甲'`).trim());
  const h = await org.get(`/api/v1/households/${id}`);
  assert.equal(h.status, 200);
  assert.equal(h.json.village.code, VILLAGE);
  assert.equal(h.json.income_per_head, 8500.5);
  assert.deepEqual(h.json.members.map((m) => [m.name, m.relation, m.labour, m.schooling]),
    [['张甲', 'head', 'full', 'junior'], ['李乙', 'spouse', 'weak', 'primary']]);
  const lifted = Number(sql(server, `SELECT registered_year FROM households WHERE village_code = '${VILLAGE2}'`).trim());
  assert.ok(lifted >= 2025);

  const again = await send(org, 'POST', '/api/v1/imports/households?mode=good', FILE);
  assert.equal(again.json.inserted, 0, again.bytes.toString());
  assert.equal(again.json.unchanged, 3);
  assert.equal(count('households'), 2);
  assert.equal(count('people'), 3);

  // A changed address and a new child: one update, one insert, still two households.
  const child = idNumber('610331', '20150601', 111);
  const changed = await send(org, 'POST', '/api/v1/imports/households?mode=all', [HEADER,
    ROWS_GOOD[0].replace('咀头街1号', '咀头街9号'), ROWS_GOOD[1].replace('咀头街1号', '咀头街9号'),
    `1,,${VILLAGE},一组,咀头街9号,一般户,8500.5,2025,张小,${child},子女,,否,无劳动力,健康,小学在读`].join('\n'));
  assert.equal(changed.status, 200, changed.bytes.toString());
  assert.deepEqual([changed.json.inserted, changed.json.updated, changed.json.unchanged], [1, 1, 1]);
  assert.equal(count('households'), 2);
  assert.equal(count('household_members', `household_id = ${id}`), 3);

  // A person already in a household cannot head a second one; a status change is not an import.
  const clash = await send(org, 'POST', '/api/v1/imports/households/preview',
    [HEADER, `9,,${VILLAGE},,,一般户,,,李乙,${H.A2},户主,,否,,,`, ROWS_GOOD[2].replace('已脱贫户', '一般户')].join('\n'));
  assert.equal(clash.json.failed, 2);
  assert.match(clash.json.errors.find((e) => e.row === 2).reason, /一人只能属于一户/);
  assert.match(clash.json.errors.find((e) => e.row === 3).reason, /状态变更/);
});

test('households: member rows must agree with their head and name their household', async () => {
  const p = await send(org, 'POST', '/api/v1/imports/households/preview', [HEADER,
    `7,,${VILLAGE},一组,,一般户,,,孙己,${H.E1},户主,,否,,,`,
    `7,,${VILLAGE2},一组,,一般户,,,孙庚,${H.E2},配偶,,否,,,`,
    `,,${VILLAGE},一组,,一般户,,,周辛,${idNumber('610331', '19900101', 121)},子女,,否,,,`,
    `8,,${VILLAGE},一组,,一般户,,,吴壬,${idNumber('610331', '19900101', 131)},子女,,否,,,`].join('\n'));
  const byRow = Object.fromEntries(p.json.errors.filter((e) => e.column).map((e) => [e.row, e]));
  assert.equal(byRow[3].column, '所属村代码');
  assert.match(byRow[3].reason, /不一致/);
  assert.equal(byRow[4].column, '户编号');
  assert.equal(byRow[5].column, '与户主关系');
  assert.match(byRow[5].reason, /没有户主/);
  assert.equal(p.json.failed, 4);
});

// The CSV with its first column (户编号) replaced by 1, 2, ... in order of first appearance.
function renumberHouseholds(csv) {
  const seen = new Map();
  return csv.split('\r\n').map((line, i) => {
    if (i === 0 || line === '') return line;
    const comma = line.indexOf(',');
    const id = line.slice(0, comma);
    if (!seen.has(id)) seen.set(id, String(seen.size + 1));
    return seen.get(id) + line.slice(comma);
  }).join('\r\n');
}

test('households: export → import round-trips identical records, also into a fresh database via the CLI', async () => {
  const csvBefore = (await send(org, 'GET', '/api/v1/imports/households/export?format=csv')).bytes.toString();
  assert.match(csvBefore, new RegExp(H.A1));
  const x = await send(org, 'GET', '/api/v1/imports/households/export');
  assert.equal(x.status, 200);
  const back = await send(org, 'POST', '/api/v1/imports/households?mode=all', x.bytes, XLSX);
  assert.equal(back.status, 200, back.bytes.toString());
  assert.deepEqual([back.json.failed, back.json.inserted, back.json.updated], [0, 0, 0]);
  assert.equal(back.json.unchanged, 4);
  const csvAfter = (await send(org, 'GET', '/api/v1/imports/households/export?format=csv')).bytes.toString();
  assert.equal(csvAfter, csvBefore);

  const masked = (await send(leader, 'GET', '/api/v1/imports/households/export?format=csv')).bytes.toString();
  assert.ok(!masked.includes(H.A1));
  assert.equal((await send(org, 'GET', `/api/v1/imports/households/export?region=${OTHER_COUNTY_VILLAGE}`)).status, 404);

  // The command line exports the same rows and imports them into a fresh database unchanged.
  const dir = mkdtempSync(join(tmpdir(), 'zx-hh-cli-'));
  const out = join(dir, 'households.csv');
  const common = ['--db', server.db, '--key-file', server.keyFile];
  assert.match(zx(['export', 'households', '--region', '610331', '--format', 'csv', '--out', out, ...common]), /4 rows written/);
  assert.equal(readFileSync(out, 'utf8'), csvBefore);
  const r = zx(['import', 'households', out, '--mode', 'all', ...common]);
  assert.match(r, /inserted 0, updated 0, unchanged 4, failed 0/);

  // Into a fresh installation (other key, other ids) and out again: the same sheet.
  const fresh = await startServer({ counties: ['610331'] });
  try {
    const freshCommon = ['--db', fresh.db, '--key-file', fresh.keyFile];
    assert.match(zx(['import', 'households', out, '--mode', 'all', ...freshCommon]), /inserted 4, updated 0, unchanged 0, failed 0/);
    const out2 = join(dir, 'again.csv');
    zx(['export', 'households', '--region', '610331', '--format', 'csv', '--out', out2, ...freshCommon]);
    // 户编号 is the installation's own household id, which another database hands out its own way
    // (PostgreSQL's sequences skip ids of rolled-back writes): equal up to that numbering.
    assert.equal(renumberHouseholds(readFileSync(out2, 'utf8')), renumberHouseholds(csvBefore));
  } finally {
    await fresh.stop();
  }
});

// ---- Visits ----

const VHEADER = '户编号,户主身份证号,走访日期,走访类型,满意度,存在问题,走访人';

test('visits: preview, all-or-nothing, good rows, re-import and round trip', async () => {
  const other = idNumber('610331', '19700101', 141);
  const file = [VHEADER,
    `,${H.A1},2026-06-01,日常走访,满意,,王书记`,
    `,${H.B1},2026-06-02,节日慰问,基本满意,屋顶漏雨,李主任`,
    `,${other},2026-06-03,日常走访,满意,,王书记`,
    `,${H.A1},2999-01-01,日常走访,满意,,王书记`,
    `,${H.A1},2026-06-04,日常走访,很好,,王书记`].join('\n');
  const before = count('visits');
  const p = await send(org, 'POST', '/api/v1/imports/visits/preview', file);
  assert.equal(p.status, 200, p.bytes.toString());
  assert.deepEqual([p.json.rows, p.json.failed, p.json.inserted], [5, 3, 2]);
  const byRow = Object.fromEntries(p.json.errors.map((e) => [e.row, e]));
  assert.match(byRow[4].reason, /没有以此人为户主/);
  assert.equal(byRow[5].column, '走访日期');
  assert.equal(byRow[6].column, '满意度');

  assert.equal((await send(org, 'POST', '/api/v1/imports/visits?mode=all', file)).json.written, false);
  assert.equal(count('visits'), before);
  const good = await send(org, 'POST', '/api/v1/imports/visits?mode=good', file);
  assert.equal(good.json.inserted, 2);
  assert.equal(count('visits'), before + 2);
  assert.equal(count('visits', "kind = 'festival' AND problems = '屋顶漏雨' AND visitor_name = '李主任'"), 1);

  const again = await send(org, 'POST', '/api/v1/imports/visits?mode=good', file);
  assert.deepEqual([again.json.inserted, again.json.unchanged], [0, 2]);
  const changed = await send(org, 'POST', '/api/v1/imports/visits?mode=all',
    [VHEADER, `,${H.B1},2026-06-02,节日慰问,不满意,屋顶漏雨,李主任`].join('\n'));
  assert.equal(changed.json.updated, 1);
  assert.equal(count('visits'), before + 2);

  // By 户编号 only (a masked export), and a household out of scope refused per row.
  const hid = sql(server, `SELECT household_id FROM visits WHERE visitor_name = '李主任'`).trim();
  const byNo = await send(org, 'POST', '/api/v1/imports/visits/preview', [VHEADER, `${hid},,2026-06-02,节日慰问,不满意,屋顶漏雨,李主任`].join('\n'));
  assert.equal(byNo.json.unchanged, 1, byNo.bytes.toString());

  const csvBefore = (await send(org, 'GET', '/api/v1/imports/visits/export?format=csv')).bytes.toString();
  assert.match(csvBefore, /屋顶漏雨/);
  const x = await send(org, 'GET', '/api/v1/imports/visits/export');
  const back = await send(org, 'POST', '/api/v1/imports/visits?mode=all', x.bytes, XLSX);
  assert.equal(back.status, 200, back.bytes.toString());
  assert.deepEqual([back.json.failed, back.json.inserted, back.json.updated, back.json.unchanged], [0, 0, 0, 2]);
  assert.equal((await send(org, 'GET', '/api/v1/imports/visits/export?format=csv')).bytes.toString(), csvBefore);
  // The leader may record visits and export them (masked), but not import households.
  const masked = (await send(leader, 'GET', '/api/v1/imports/visits/export?format=csv')).bytes.toString();
  assert.ok(!masked.includes(H.A1));
  const viaMasked = await send(leader, 'POST', '/api/v1/imports/visits/preview', masked);
  assert.equal(viaMasked.json.unchanged, 2, viaMasked.bytes.toString());
});

test('visits: a household outside the caller\'s scope is refused per row', async () => {
  // A household registered in the other county by the system administrator.
  const far = idNumber('420323', '19800101', 151);
  const farVillage = sql(server, "SELECT MIN(code) FROM regions WHERE code LIKE '420323%' AND substr(code, 10, 3) <> '000'").trim();
  const reg = await admin.post('/api/v1/households', { village_code: farVillage,
    members: [{ name: '郑癸', relation: 'head', id_number: far }] });
  assert.equal(reg.status, 201, JSON.stringify(reg.json));
  const p = await send(org, 'POST', '/api/v1/imports/visits/preview',
    [VHEADER, `,${far},2026-06-01,日常走访,满意,,王书记`, `${reg.json.id},,2026-06-01,日常走访,满意,,王书记`].join('\n'));
  assert.equal(p.json.failed, 2);
  assert.ok(p.json.errors.every((e) => /管辖范围/.test(e.reason)), JSON.stringify(p.json.errors));
});
