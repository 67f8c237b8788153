// Spreadsheet import of the person registry over real HTTP: template, preview with row errors,
// all-or-nothing and good-rows imports, re-import without duplicates, export → import round trip,
// and hostile or wrong files refused with a clear error and nothing changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, Client, sql, zx } from './harness.mjs';

const PASSWORD = 'Import-Pass-2026-ok';
const VILLAGE = '610331100200';
const OTHER_COUNTY_VILLAGE = '420323100200';
let server, admin, org, leader;

// Raw upload/download: the harness client decodes bodies as text, which would spoil XLSX bytes.
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

const peopleCount = () => Number(sql(server, 'SELECT COUNT(*) FROM people').trim());

const HEADER = '姓名,身份证号,性别,手机号,是否党员,文化程度,所属区划代码';
const GOOD_A = `张三,110101199003074514,男,13812345678,是,高中,${VILLAGE}`;
const GOOD_B = `李梅,11010519491231002X,女,,否,小学,${VILLAGE}`;
const BAD_ID = `王五,6.10331E+17,男,,否,,${VILLAGE}`;
const OUTSIDE = `赵六,110101198502153212,男,,否,,${OTHER_COUNTY_VILLAGE}`;
const FILE = [HEADER, GOOD_A, GOOD_B, BAD_ID, OUTSIDE].join('\r\n') + '\r\n';

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

test('the template is an XLSX with the Chinese headers', async () => {
  const r = await send(org, 'GET', '/api/v1/imports/people/template');
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  assert.match(r.headers.get('content-disposition'), /filename\*=UTF-8''/);
  assert.equal((await send(leader, 'GET', '/api/v1/imports/people/template')).status, 403);
});

test('preview lists row errors and writes nothing; all-or-nothing writes nothing either', async () => {
  const before = peopleCount();
  const p = await send(org, 'POST', '/api/v1/imports/people/preview', FILE);
  assert.equal(p.status, 200, p.bytes.toString());
  assert.equal(p.json.rows, 4);
  assert.equal(p.json.failed, 2);
  assert.equal(p.json.inserted, 2);
  assert.equal(p.json.written, false);
  const byRow = Object.fromEntries(p.json.errors.map((e) => [e.row, e]));
  assert.equal(byRow[4].column, '身份证号');
  assert.match(byRow[4].reason, /数字/);
  assert.equal(byRow[5].column, '所属区划代码');
  assert.match(byRow[5].reason, /管辖范围/);
  assert.equal(peopleCount(), before);

  const all = await send(org, 'POST', '/api/v1/imports/people?mode=all', FILE);
  assert.equal(all.status, 200);
  assert.equal(all.json.written, false);
  assert.equal(peopleCount(), before);

  const report = await send(org, 'POST', '/api/v1/imports/people/error-report', FILE);
  assert.equal(report.status, 200);
  assert.equal(report.bytes.subarray(0, 2).toString(), 'PK');
});

test('good rows are imported once; importing again duplicates nothing', async () => {
  const before = peopleCount();
  const first = await send(org, 'POST', '/api/v1/imports/people?mode=good', FILE);
  assert.equal(first.status, 200, first.bytes.toString());
  assert.equal(first.json.written, true);
  assert.equal(first.json.inserted, 2);
  assert.equal(peopleCount(), before + 2);
  // Nothing in clear text: the ID number is stored only encrypted and as a keyed hash.
  const stored = sql(server, "SELECT id_number_enc || '|' || id_number_hash FROM people WHERE name = '张三'");
  assert.ok(!stored.includes('110101199003074514'));

  const again = await send(org, 'POST', '/api/v1/imports/people?mode=good', FILE);
  assert.equal(again.json.inserted, 0);
  assert.equal(again.json.unchanged, 2);
  assert.equal(peopleCount(), before + 2);

  // GBK bytes of the same rows are read the same way.
  const gbk = execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gbk"))'],
    { input: [HEADER, GOOD_A].join('\n') });
  const g = await send(org, 'POST', '/api/v1/imports/people?mode=good', gbk);
  assert.equal(g.status, 200, g.bytes.toString());
  assert.equal(g.json.unchanged, 1);

  // A changed phone number is an update of the same person, not a new one.
  const moved = await send(org, 'POST', '/api/v1/imports/people?mode=all', [HEADER, GOOD_A.replace('13812345678', '13900001111')].join('\n'));
  assert.equal(moved.json.updated, 1, moved.bytes.toString());
  const restored = await send(org, 'POST', '/api/v1/imports/people?mode=all', [HEADER, GOOD_A].join('\n'));
  assert.equal(restored.json.updated, 1);
  assert.equal(peopleCount(), before + 2);

  // Traditional characters and full-width digits are normalised on the way in.
  const trad = await send(org, 'POST', '/api/v1/imports/people?mode=all',
    [HEADER, `趙六,１１０１０１１９８５０２１５３２１２,男,,否,,${VILLAGE}`].join('\n'));
  assert.equal(trad.json.inserted, 1, trad.bytes.toString());
  assert.equal(sql(server, "SELECT COUNT(*) FROM people WHERE name = '赵六'").trim(), '1');
});

test('export → import round-trips identical records; without pii.read the export is masked', async () => {
  const x = await send(org, 'GET', `/api/v1/imports/people/export?region=${VILLAGE}`);
  assert.equal(x.status, 200);
  const csvBefore = (await send(org, 'GET', `/api/v1/imports/people/export?region=${VILLAGE}&format=csv`)).bytes.toString();
  assert.match(csvBefore, /110101199003074514/);
  const back = await send(org, 'POST', '/api/v1/imports/people?mode=all', x.bytes,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(back.status, 200, back.bytes.toString());
  assert.equal(back.json.failed, 0);
  assert.equal(back.json.inserted, 0);
  assert.equal(back.json.updated, 0);
  const csvAfter = (await send(org, 'GET', `/api/v1/imports/people/export?region=${VILLAGE}&format=csv`)).bytes.toString();
  assert.equal(csvAfter, csvBefore);
  const csvBack = await send(org, 'POST', '/api/v1/imports/people?mode=all', csvBefore);
  assert.equal(csvBack.json.unchanged, back.json.unchanged);

  const masked = (await send(leader, 'GET', `/api/v1/imports/people/export?region=${VILLAGE}&format=csv`)).bytes.toString();
  assert.ok(!masked.includes('110101199003074514'));
  assert.match(masked, /1101\*+4514/);
  assert.equal((await send(org, 'GET', `/api/v1/imports/people/export?region=${OTHER_COUNTY_VILLAGE}`)).status, 404);
});

test('bad files get a clear error and change nothing', async () => {
  const before = peopleCount();
  const dir = mkdtempSync(join(tmpdir(), 'zx-import-'));
  const notSheet = await send(org, 'POST', '/api/v1/imports/people', Buffer.from([0x00, 0x01, 0x02, 0xff]));
  assert.equal(notSheet.status, 400);
  assert.match(notSheet.json.error.message, /不是文本文件/);

  const bombPath = join(dir, 'bomb.xlsx');
  execFileSync('python3', ['-c', `
import zipfile
with zipfile.ZipFile(${JSON.stringify(bombPath)}, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/workbook.xml', '<workbook><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData/></worksheet>' + ' ' * (200 << 20))
`]);
  const bomb = await send(org, 'POST', '/api/v1/imports/people', readFileSync(bombPath), 'application/zip');
  assert.equal(bomb.status, 400);
  assert.match(bomb.json.error.message, /压缩炸弹/);

  const huge = await send(org, 'POST', '/api/v1/imports/people', Buffer.alloc(51 << 20, 0x41));
  assert.equal(huge.status, 413);

  const x = await send(org, 'GET', '/api/v1/imports/people/export');
  const wrong = await send(org, 'POST', '/api/v1/imports/people?sheet=' + encodeURIComponent('户籍'), x.bytes, 'application/zip');
  assert.equal(wrong.status, 400);
  assert.match(wrong.json.error.message, /找不到工作表“户籍”/);

  const noHeader = await send(org, 'POST', '/api/v1/imports/people', '甲,乙\n1,2\n');
  assert.equal(noHeader.status, 400);
  assert.match(noHeader.json.error.message, /表头/);
  assert.equal(peopleCount(), before);
});

test('the command line exports and re-imports the same list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zx-import-cli-'));
  const out = join(dir, 'people.csv');
  const common = ['--db', server.db, '--key-file', server.keyFile];
  assert.match(zx(['export', 'people', '--region', '610331', '--format', 'csv', '--out', out, ...common]), /rows written/);
  assert.match(readFileSync(out, 'utf8'), /110101199003074514/);
  const before = peopleCount();
  const r = zx(['import', 'people', out, '--mode', 'all', ...common]);
  assert.match(r, /inserted 0, updated 0, unchanged \d+, failed 0/);
  assert.equal(peopleCount(), before);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, [HEADER, BAD_ID].join('\n'));
  assert.throws(() => zx(['import', 'people', bad, ...common]), (e) => e.status === 1 && /数字/.test(e.stdout));
  assert.equal(peopleCount(), before);
});
