// Generated reports over real HTTP on the demo installation: every kind in every format for a
// county and a township, figures equal to the rollups for the same region and period, a period of
// the wrong kind refused naming `period`, regions outside the caller's scope answered 404, and the
// `zhenxing report` command writing the same report to a file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, DB_KIND, DIVISION, Client, dropDatabase, freshDatabase, startServer, zx } from './harness.mjs';

const PASSWORD = 'Report-Pass-2026-ok';
const COUNTY = '610331';
const TOWNSHIP = '610331100';       // 咀头镇
const OTHER_TOWNSHIP = '610331101';
const KINDS = ['weekly-dispatch', 'monthly-bulletin', 'quarterly-inspection', 'year-end'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let dir, db, keyFile, server, county, town;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zx-reports-'));
  db = DB_KIND === 'postgres' ? freshDatabase(dir) : join(dir, 'zhenxing.db');
  keyFile = join(dir, 'keys', 'data.key');
  zx(['init', '--db', db, '--key-file', keyFile], { ZHENXING_ADMIN_PASSWORD: ADMIN_PASSWORD });
  zx(['demo', '--db', db, '--key-file', keyFile, '--source', DIVISION]);
  for (const [username, scope, roles] of [['report_county', COUNTY, 'org_admin'], ['report_town', TOWNSHIP, 'township_admin']])
    zx(['user', 'add', '--db', db, '--username', username, '--display-name', username, '--scope', scope, '--roles', roles,
        '--no-forced-change'], { ZHENXING_USER_PASSWORD: PASSWORD });
  server = await startServer({ existing: { db, keyFile } });
  county = new Client(server.base);
  assert.equal((await county.login('report_county', PASSWORD)).status, 200);
  town = new Client(server.base);
  assert.equal((await town.login('report_town', PASSWORD)).status, 200);
});
after(async () => {
  await server?.stop();
  if (db) dropDatabase(db);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the kinds are listed with their period kind and current period', async () => {
  const r = await county.get('/api/v1/reports');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((k) => k.kind), KINDS);
  assert.deepEqual(r.json.items.map((k) => k.period_kind), ['week', 'month', 'quarter', 'year']);
  assert.match(r.json.items[0].default_period, /^\d{4}-W\d{2}$/);
});

for (const kind of KINDS) {
  test(`${kind}: JSON, XLSX and DOCX for a county and a township`, async () => {
    for (const [client, region] of [[county, COUNTY], [county, TOWNSHIP], [town, TOWNSHIP]]) {
      const j = await client.get(`/api/v1/reports/${kind}?region=${region}`);
      assert.equal(j.status, 200, j.text);
      assert.equal(j.json.kind, kind);
      assert.equal(j.json.region.code, region.padEnd(12, '0'));
      assert.ok(j.json.title.length > 0);
      assert.ok(j.json.sections.length >= 2, j.text);
      assert.ok(j.json.sections.some((s) => s.tables.some((t) => t.headers.length > 0)));
      for (const [format, type] of [['xlsx', XLSX], ['docx', DOCX]]) {
        const res = await fetch(`${server.base}/api/v1/reports/${kind}?region=${region}&format=${format}`,
                                { headers: { cookie: client.cookie } });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), type);
        assert.match(res.headers.get('content-disposition'), new RegExp(`attachment;.*\\.${format}`));
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.equal(bytes.subarray(0, 2).toString(), 'PK');
        if (format === 'docx') assert.ok(bytes.includes(Buffer.from('word/document.xml')));
      }
    }
  });
}

test('year-end figures are the rollups for the same region and period', async () => {
  const r = await county.get(`/api/v1/reports/year-end?region=${COUNTY}`);
  assert.equal(r.status, 200, r.text);
  const year = r.json.period.label;
  const table = r.json.sections[0].tables[0];
  const total = table.rows.at(-1);
  assert.equal(total[0].text, '合计');
  const v = await county.get(`/api/v1/rollups?region=${COUNTY}&period=${year}&indicators=households.total,visits.coverage`);
  assert.equal(v.status, 200, v.text);
  assert.equal(total[1].value, v.json.values[0].value);
  assert.ok(total[1].value > 0, 'the demo county has households');
  assert.equal(total[5].value, v.json.values[1].value);
  // Each township row equals the rollup for that township.
  const first = table.rows[0];
  const children = await county.get(`/api/v1/rankings?region=${COUNTY}&period=${year}&indicator=households.total`);
  const child = children.json.items.find((i) => i.name === first[0].text);
  assert.ok(child, first[0].text);
  assert.equal(first[1].value, child.value);
});

test('weekly figures are the rollups for the week', async () => {
  const r = await county.get(`/api/v1/reports/weekly-dispatch?region=${COUNTY}`);
  const total = r.json.sections[0].tables[0].rows.at(-1);
  const v = await county.get(`/api/v1/rollups?region=${COUNTY}&period=${r.json.period.label}` +
                             '&indicators=dispatch.in_post,checkins.person_days,presence.days_per_cadre');
  assert.deepEqual(total.slice(1, 4).map((c) => c.value), v.json.values.map((x) => x.value));
});

test('a period of the wrong kind is refused naming period; an unknown kind or format is clear', async () => {
  for (const [kind, period] of [['monthly-bulletin', '2026-W47'], ['weekly-dispatch', '2026-11'], ['year-end', '2026-Q4'],
                                ['quarterly-inspection', 'nonsense']]) {
    const r = await county.get(`/api/v1/reports/${kind}?region=${COUNTY}&period=${period}`);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'period');
  }
  const ok = await county.get(`/api/v1/reports/monthly-bulletin?region=${COUNTY}&period=2026-11`);
  assert.equal(ok.status, 200);
  assert.equal(ok.json.period.label, '2026-11');
  const unknown = await county.get('/api/v1/reports/daily-gossip');
  assert.equal(unknown.status, 404);
  assert.match(unknown.text, /daily-gossip/);
  const format = await county.get('/api/v1/reports/year-end?format=pdf');
  assert.equal(format.status, 400);
  assert.equal(format.json.error.field, 'format');
});

test('regions outside the caller\'s scope answer 404', async () => {
  for (const [client, region] of [[town, OTHER_TOWNSHIP], [town, COUNTY], [county, '420323']]) {
    for (const format of ['json', 'docx']) {
      const r = await client.get(`/api/v1/reports/monthly-bulletin?region=${region}&format=${format}`);
      assert.equal(r.status, 404, `${region} ${format}: ${r.text}`);
    }
  }
});

test('zhenxing report writes the same report to a file', async () => {
  for (const format of ['docx', 'xlsx']) {
    const out = join(dir, `year-end.${format}`);
    const printed = zx(['report', 'year-end', '--db', db, '--region', COUNTY, '--format', format, '--out', out]);
    assert.match(printed, /太白县年终数据/);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');
  }
  const json = join(dir, 'monthly.json');
  zx(['report', 'monthly-bulletin', '--db', db, '--region', TOWNSHIP, '--period', '2026-11', '--format', 'json', '--out', json]);
  const viaCli = JSON.parse(readFileSync(json, 'utf8'));
  const viaApi = await county.get(`/api/v1/reports/monthly-bulletin?region=${TOWNSHIP}&period=2026-11`);
  viaCli.generated_at = viaApi.json.generated_at;
  assert.deepEqual(viaCli.sections[0], viaApi.json.sections[0]);
  assert.throws(() => zx(['report', 'year-end', '--db', db, '--region', COUNTY, '--period', '2026-11', '--out', json]),
                /period/);
});
