// Online backup and restore over real installations: a backup taken while the server writes is
// one consistent moment; restored into a fresh database (SQLite, or PostgreSQL with ZX_DB=postgres)
// it answers exactly as the original did at that moment; a damaged backup, a non-empty target or an
// existing backup file are refused and nothing is written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, Client, NEW_ADMIN_PASSWORD, adminClient, dropDatabase, freshDatabase, sql, startServer, zx } from './harness.mjs';

const VILLAGE = '610331100200';
const POS = { latitude: 34.0626, longitude: 107.3197 };
let server, admin, dir, backupFile, restoredDb;
const created = [];

function run(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

// What the installation answers about its records (times included: a restore keeps them).
async function answers(client) {
  const got = {};
  for (const path of ['/api/v1/people?page_size=100', '/api/v1/dispatches?page_size=100',
                      '/api/v1/checkins?from=2026-01-01&to=2026-12-31', '/api/v1/audit?page_size=200']) {
    const r = await client.get(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    got[path] = r.json;
  }
  return got;
}

before(async () => {
  server = await startServer({ counties: ['610331'] });
  admin = await adminClient(server.base);
  dir = mkdtempSync(join(tmpdir(), 'zx-backup-'));
  backupFile = join(dir, 'nightly', 'zhenxing.db');
  assert.equal((await admin.request('PUT', `/api/v1/regions/${VILLAGE}/position`, POS)).status, 200);
  const unit = await admin.post('/api/v1/sending-units', { name: '县委组织部', level: 'county', region_code: '610331' });
  const person = await admin.post('/api/v1/people', { name: '王建国', id_number: '110101199003074514', phone: '13800001111',
                                                      region_code: '610331' });
  assert.equal(person.status, 201, person.text);
  const d = await admin.post('/api/v1/dispatches', { person_id: person.json.id, village_code: VILLAGE, role: 'first_secretary',
                                                     sending_unit_id: unit.json.id, term_start: '2026-01-01', term_end: '2027-12-31' });
  assert.equal(d.status, 201, d.text);
  for (let i = 0; i < 5; i++) {
    const c = await admin.post('/api/v1/checkins', { client_id: `b-${i}`, person_id: person.json.id, village_code: VILLAGE,
                                                     device_time: Math.floor(Date.now() / 1000) - 3600 * i, ...POS });
    assert.equal(c.status, 201, c.text);
  }
  created.push(person.json.id);
});

after(async () => {
  await server?.stop();
  if (restoredDb) dropDatabase(restoredDb);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an online backup restores to an installation that answers as the original did', async () => {
  const before = await answers(admin);
  // Writes keep coming while the backup runs: the backup is one moment, before or after each.
  const writer = (async () => {
    for (let i = 0; i < 40; i++) {
      await admin.post('/api/v1/people', { name: `并发${i}`, region_code: '610331' });
    }
  })();
  const b = run(['backup', '--db', server.db, '--to', backupFile]);
  await writer;
  assert.equal(b.status, 0, b.out);
  assert.match(b.out, /checksums match the source/);
  const manifest = JSON.parse(readFileSync(backupFile + '.manifest.json', 'utf8'));
  assert.equal(manifest.format, 'zhenxing-backup-1');
  assert.ok(manifest.tables.people.rows >= 1);
  assert.ok(!existsSync(backupFile + '.partial'));
  const peopleInBackup = Number(execFileSync('sqlite3', [backupFile, 'SELECT COUNT(*) FROM people'], { encoding: 'utf8' }));
  assert.equal(peopleInBackup, manifest.tables.people.rows, 'the backup file holds what its manifest says');
  assert.ok(peopleInBackup >= 1 && peopleInBackup <= 41);

  restoredDb = freshDatabase(dir);
  const r = run(['restore', '--db', restoredDb, '--from', backupFile]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /checksums match the backup and its manifest/);
  const restored = await startServer({ existing: { db: restoredDb, keyFile: server.keyFile } });
  try {
    const client = new Client(restored.base);
    assert.equal((await client.login('admin', NEW_ADMIN_PASSWORD)).status, 200);
    const got = await answers(client);
    // Everything the original had before the backup is there, identical (the concurrent people
    // are there up to the backup's moment).
    const names = (a) => a['/api/v1/people?page_size=100'].items.map((p) => p.name);
    for (const n of names(before)) assert.ok(names(got).includes(n), n);
    assert.equal(names(got).length, peopleInBackup);
    assert.deepEqual(got['/api/v1/dispatches?page_size=100'], before['/api/v1/dispatches?page_size=100']);
    assert.deepEqual(got['/api/v1/checkins?from=2026-01-01&to=2026-12-31'], before['/api/v1/checkins?from=2026-01-01&to=2026-12-31']);
    const wang = got['/api/v1/people?page_size=100'].items.find((p) => p.name === '王建国');
    assert.equal(wang.id_number, '1101**********4514', 'personal data readable with the same key file');
    const verify = await client.get('/api/v1/audit/verify');
    assert.equal(verify.json.ok, true, verify.text);
  } finally {
    await restored.stop();
  }
});

test('restoring into a database that holds data needs --force', () => {
  const refused = run(['restore', '--db', restoredDb, '--from', backupFile]);
  assert.equal(refused.status, 1, refused.out);
  assert.match(refused.out, /not empty/);
  const forced = run(['restore', '--db', restoredDb, '--from', backupFile, '--force']);
  assert.equal(forced.status, 0, forced.out);
});

test('a backup altered after it was made is refused and nothing is written', () => {
  const altered = join(dir, 'altered.db');
  execFileSync('cp', [backupFile, altered]);
  execFileSync('cp', [backupFile + '.manifest.json', altered + '.manifest.json']);
  execFileSync('sqlite3', [altered, "UPDATE people SET name = '改过的' WHERE name = '王建国'"]);
  const target = freshDatabase(dir);
  try {
    const r = run(['restore', '--db', target, '--from', altered]);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /table people of the backup differs from its manifest/);
    // Refused before the target was even opened: no schema, no rows.
    let people = '0';
    try {
      people = sql({ db: target }, 'SELECT COUNT(*) FROM people').trim();
    } catch (e) {
      assert.match(String(e.stderr ?? e), /no such table|does not exist/);
    }
    assert.equal(people, '0');
  } finally {
    dropDatabase(target);
  }
});

test('a backup never overwrites an existing file, and a missing one is named', () => {
  const again = run(['backup', '--db', server.db, '--to', backupFile]);
  assert.equal(again.status, 1);
  assert.match(again.out, /already exists/);
  const missing = run(['restore', '--db', join(dir, 'x.db'), '--from', join(dir, 'nope.db')]);
  assert.equal(missing.status, 1);
  assert.match(missing.out, /no backup file/);
});
