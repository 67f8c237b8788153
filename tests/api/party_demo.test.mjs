// The demo data of the party-organization module reproduces the reports' figures through the
// API: 竹山县 12 backward organizations this year with a work group, leader, first secretary and
// department each and 4 transformed (seed 004's scale); 太白县 9 demonstration villages and all
// up to standard, 94 reserve cadres (seed 002); and a second demo run changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, DB_KIND, DIVISION, Client, dropDatabase, freshDatabase, sql, startServer, zx } from './harness.mjs';

const NEW_PASSWORD = 'Demo-Party-Pass-2026';
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
let dir, db, keyFile, server, taibai, zhushan;

async function demoLogin(output, username) {
  const m = output.match(new RegExp(`demo account ${username} \\(.*?\\), password (\\S+)`));
  assert.ok(m, `no password for ${username} in: ${output}`);
  const c = new Client(server.base);
  assert.equal((await c.login(username, m[1])).status, 200);
  const ch = await c.post('/api/v1/auth/password', { old_password: m[1], new_password: NEW_PASSWORD });
  assert.equal(ch.status, 200, ch.text);
  return c;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zx-party-demo-'));
  db = DB_KIND === 'postgres' ? freshDatabase(dir) : join(dir, 'zhenxing.db');
  keyFile = join(dir, 'keys', 'data.key');
  zx(['init', '--db', db, '--key-file', keyFile], { ZHENXING_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const output = zx(['demo', '--db', db, '--key-file', keyFile, '--source', DIVISION]);
  assert.match(output, /demo party organizations: 290 organizations/);
  const again = zx(['demo', '--db', db, '--key-file', keyFile, '--source', DIVISION]);
  assert.match(again, /demo party organizations: already loaded/);
  server = await startServer({ existing: { db, keyFile } });
  taibai = await demoLogin(output, 'taibai_org');
  zhushan = await demoLogin(output, 'zhushan_org');
});
after(async () => {
  await server?.stop();
  dropDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

test('竹山县: 12 backward organizations, fully paired, 4 transformed, 22 inspections', async () => {
  const c = await zhushan.get(`/api/v1/rectification-counts?year=${YEAR}`);
  assert.equal(c.status, 200, c.text);
  assert.deepEqual(
    [c.json.identified, c.json.backward, c.json.work_groups, c.json.leaders, c.json.first_secretaries, c.json.departments, c.json.transformed, c.json.open, c.json.inspections],
    [12, 12, 12, 12, 12, 12, 4, 8, 22]);
  assert.equal(c.json.by_region.reduce((n, r) => n + r.identified, 0), 12);
  const backward = await zhushan.get(`/api/v1/party-orgs?year=${YEAR}&rating=backward`);
  assert.equal(backward.json.items.length, 8);  // the 4 transformed are rated 一般 now
  assert.equal(Number(sql(server, `SELECT COUNT(*) FROM party_orgs WHERE village_code LIKE '420323%'`).trim()), 244);
});

test('太白县: 3 weak organizations last year, all transformed; this year 9 示范 and 100% 达标; first-class share above 60%', async () => {
  const last = await taibai.get(`/api/v1/rectification-counts?year=${YEAR - 1}`);
  assert.deepEqual([last.json.identified, last.json.weak, last.json.transformed], [3, 3, 3]);
  const s = await taibai.get(`/api/v1/party-standard-summary?year=${YEAR}`);
  assert.deepEqual([s.json.orgs, s.json.scored, s.json.demonstration, s.json.below, s.json.up_to_standard_pct], [46, 46, 9, 0, 100]);
  assert.equal(s.json.meets_target, true);
  const z = await zhushan.get(`/api/v1/party-standard-summary?year=${YEAR}`);
  assert.equal(z.json.meets_target, false);
  assert.ok(z.json.below > 0 && z.json.demonstration > 0);
});

test('太白县: 94 reserve cadres, 2–3 per village', async () => {
  const c = await taibai.get('/api/v1/reserve-cadre-counts');
  assert.equal(c.json.reserves, 94);
  assert.equal(c.json.villages_with_reserves, c.json.villages);
  assert.equal(c.json.by_region.reduce((n, r) => n + r.reserves, 0), 94);
  assert.ok(c.json.under_35 > 0 && c.json.under_35 < 94);
  const list = await taibai.get('/api/v1/reserve-cadres');
  assert.equal(list.json.items.length, 94);
});
