// `zhenxing db copy`: a demo installation goes SQLite -> PostgreSQL -> SQLite and comes back
// identical (counts and checksums of every table, the same API answers), and a target that already
// holds data is refused unless --force. Runs in the PostgreSQL run only (api_tests_postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DIVISION, DB_KIND, ADMIN_PASSWORD, zx, freshDatabase, dropDatabase, startServer, adminClient }
  from './harness.mjs';

const skip = DB_KIND !== 'postgres' && 'needs PostgreSQL: runs in api_tests_postgres (ZX_DB=postgres)';
let dir, keyFile, sqliteA, pg, sqliteB;
const copies = [];

// Runs `db copy`; returns { status, stdout, stderr, tables: {name: {source, target, rows...}} }.
function copy(from, to, extra = []) {
  let status = 0, stdout = '', stderr = '';
  try {
    stdout = execFileSync(BIN, ['db', 'copy', '--from', from, '--to', to, ...extra], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    ({ status, stdout, stderr } = e);
  }
  const tables = {};
  for (const line of stdout.split('\n')) {
    const m = line.match(/^(\S+)\s+(\d+)\s+(\d+)\s+([0-9a-f]{16})\s+([0-9a-f]{16})\s+(ok|DIFFERENT)$/);
    if (m) tables[m[1]] = { sourceRows: +m[2], targetRows: +m[3], source: m[4], target: m[5], same: m[6] === 'ok' };
  }
  return { status, stdout, stderr, tables };
}

before(() => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'zx-copy-'));
  keyFile = join(dir, 'keys', 'data.key');
  sqliteA = join(dir, 'a.db');
  sqliteB = join(dir, 'b.db');
  zx(['init', '--db', sqliteA, '--key-file', keyFile], { ZHENXING_ADMIN_PASSWORD: ADMIN_PASSWORD });
  zx(['demo', '--db', sqliteA, '--key-file', keyFile, '--source', DIVISION]);
  pg = freshDatabase(dir, 'postgres');
});
after(() => {
  if (skip) return;
  if (pg) dropDatabase(pg);
  rmSync(dir, { recursive: true, force: true });
});

test('SQLite -> PostgreSQL -> SQLite keeps every table identical', { skip }, () => {
  const there = copy(sqliteA, pg);
  assert.equal(there.status, 0, there.stdout + there.stderr);
  const back = copy(pg, sqliteB);
  assert.equal(back.status, 0, back.stdout + back.stderr);
  copies.push(there, back);
  const names = Object.keys(there.tables);
  assert.ok(names.length >= 8, there.stdout);
  for (const t of ['regions', 'users', 'meta']) assert.ok(names.includes(t), t);
  assert.ok(!names.includes('schema_migrations'));
  assert.ok(there.tables.regions.sourceRows > 100, 'the demo has regions');
  assert.deepEqual(Object.keys(back.tables).sort(), [...names].sort());
  for (const t of names) {
    assert.ok(there.tables[t].same && back.tables[t].same, t);
    assert.equal(back.tables[t].target, there.tables[t].source, `${t}: the round trip changed the table`);
    assert.equal(back.tables[t].targetRows, there.tables[t].sourceRows, t);
  }
});

test('servers on the original, the PostgreSQL copy and the copy back answer the same', { skip }, async () => {
  assert.equal(copies.length, 2, 'needs the copy test');
  const answers = [];
  for (const db of [sqliteA, pg, sqliteB]) {
    const server = await startServer({ existing: { db, keyFile } });
    try {
      const admin = await adminClient(server.base);
      const got = {};
      for (const path of ['/api/v1/regions/610331', '/api/v1/regions/420323/children?page_size=50',
                          '/api/v1/regions?q=tb', '/api/v1/regions?q=' + encodeURIComponent('竹山')]) {
        const r = await admin.get(path);
        assert.equal(r.status, 200, path + ' ' + r.text);
        got[path] = r.json;
      }
      const users = await admin.get('/api/v1/users?page_size=100');
      assert.equal(users.status, 200);
      got.users = users.json.items.filter((u) => u.username !== 'admin');
      const verify = await admin.get('/api/v1/audit/verify');
      assert.equal(verify.json.ok, true, JSON.stringify(verify.json));
      // Ids continue after the copied ones (PostgreSQL identity sequences were advanced).
      const created = await admin.post('/api/v1/users', {
        username: 'after_copy', display_name: 'x', scope_code: '610331', roles: ['leader'] });
      assert.equal(created.status, 201, created.text);
      assert.ok(created.json.user.id > Math.max(...users.json.items.map((u) => u.id)));
      answers.push(got);
    } finally {
      await server.stop();
    }
  }
  assert.ok(answers[0].users.length >= 3, 'the demo accounts are there');
  assert.deepEqual(answers[1], answers[0], 'PostgreSQL copy');
  assert.deepEqual(answers[2], answers[0], 'copy back to SQLite');
});

test('a target that holds data is refused without --force, replaced with it', { skip }, () => {
  const refused = copy(sqliteA, pg);
  assert.equal(refused.status, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /target database is not empty \(table \w+ has \d+ rows\); use --force/);
  const refusedSqlite = copy(pg, sqliteB);
  assert.equal(refusedSqlite.status, 2);
  assert.match(refusedSqlite.stderr, /not empty/);
  // --force empties the target (the audit log's append-only triggers included) and copies again.
  const forced = copy(sqliteA, pg, ['--force']);
  assert.equal(forced.status, 0, forced.stdout + forced.stderr);
  // PostgreSQL's national ID-number key is not copied but refilled by its trigger, once per person
  // (what the first copy left there was emptied first, or every person would have been refused).
  const psqlAt = (q) => execFileSync('psql', [pg, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', q], { encoding: 'utf8' }).trim();
  assert.ok(!('person_id_numbers' in forced.tables));
  const withNumber = psqlAt('SELECT COUNT(*) FROM people WHERE id_number_hash IS NOT NULL');
  assert.ok(Number(withNumber) > 0);
  assert.equal(psqlAt('SELECT COUNT(*) FROM person_id_numbers n JOIN people p ON p.id = n.person_id AND ' +
                      'p.id_number_hash = n.id_number_hash'), withNumber);
  assert.equal(psqlAt('SELECT COUNT(*) FROM person_id_numbers'), withNumber);
  const forcedBack = copy(pg, sqliteB, ['--force']);
  assert.equal(forcedBack.status, 0, forcedBack.stdout + forcedBack.stderr);
  for (const [t, v] of Object.entries(forcedBack.tables)) assert.equal(v.target, forced.tables[t].source, t);
  // The append-only triggers are back on both targets.
  assert.throws(() => execFileSync('psql', [pg, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', 'DELETE FROM audit_log'], { stdio: 'pipe' }),
    /append-only/);
  assert.throws(() => execFileSync('sqlite3', [sqliteB, 'DELETE FROM audit_log'], { stdio: 'pipe' }), /append-only/);
});

test('copying a database onto itself or from a missing file is refused', { skip }, () => {
  assert.equal(copy(pg, pg).status, 2);
  const missing = copy(join(dir, 'missing.db'), join(dir, 'c.db'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /source/);
});
