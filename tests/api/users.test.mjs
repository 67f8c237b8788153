// Accounts inside a scope, personal data at rest and in answers, audit and its verification.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, zx, sql, storedBytes } from './harness.mjs';

const ID = '11010519491231002X';
const PHONE = '13812345678';
const COUNTY_PASSWORD = 'Taibai-Org-Pass-2026';
let server, admin, county, leader, countyUser;

async function countUsers() {
  return (await admin.get('/api/v1/users?page_size=1')).json.total;
}

before(async () => {
  server = await startServer({
    users: [
      { username: 'taibai_org', scope: '610331', roles: 'org_admin', password: COUNTY_PASSWORD },
      { username: 'taibai_leader', scope: '610331', roles: 'leader', password: COUNTY_PASSWORD },
      { username: 'zhushan_org', scope: '420323', roles: 'org_admin', password: COUNTY_PASSWORD },
    ],
  });
  admin = await adminClient(server.base);
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', COUNTY_PASSWORD)).status, 200);
  leader = new Client(server.base);
  assert.equal((await leader.login('taibai_leader', COUNTY_PASSWORD)).status, 200);
});
after(async () => { await server?.stop(); });

test('a county administrator creates an account in its county; personal data comes back masked', async () => {
  const r = await county.post('/api/v1/users', {
    username: 'taibai_town', display_name: '嘴头镇管理员', scope_code: '610331100', roles: ['township_admin'],
    phone: PHONE, id_number: ID.toLowerCase(),
  });
  assert.equal(r.status, 201, r.text);
  countyUser = r.json.user;
  assert.equal(countyUser.phone, '138****5678');
  assert.equal(countyUser.id_number, '1101**********002X');
  assert.equal(countyUser.scope.code, '610331100000');
  assert.equal(countyUser.must_change_password, true);
  assert.match(r.json.initial_password, /.{12,}/);
  assert.ok(!r.text.includes(PHONE) && !r.text.includes(ID));
});

test('personal data is not readable in the database files', () => {
  // SQLite: the database file and its WAL; PostgreSQL: a pg_dump of the database.
  const bytes = storedBytes(server);
  assert.ok(bytes.length > 0);
  assert.equal(bytes.indexOf(ID), -1, 'the database holds the ID number in plain text');
  assert.equal(bytes.indexOf(PHONE), -1, 'the database holds the phone number in plain text');
  const dump = sql(server, 'SELECT phone_enc, id_number_enc FROM users WHERE username = \'taibai_town\'');
  assert.match(dump, /aes-256-gcm:/);
});

test('a full ID number finds its account through the keyed hash', async () => {
  const r = await county.get('/api/v1/users?q=' + ID);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((u) => u.username), ['taibai_town']);
});

test('unmasking is allowed to administrators only and is audited', async () => {
  const denied = await leader.get(`/api/v1/users/${countyUser.id}/personal-data`);
  assert.equal(denied.status, 403);
  const r = await county.get(`/api/v1/users/${countyUser.id}/personal-data`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { phone: PHONE, id_number: ID });
  const audit = await county.get(`/api/v1/audit?entity=user&record=${countyUser.id}`);
  const actions = audit.json.items.map((e) => e.action);
  assert.ok(actions.includes('unmask'), JSON.stringify(actions));
  assert.ok(actions.includes('create'));
  const unmask = audit.json.items.find((e) => e.action === 'unmask');
  assert.equal(unmask.username, 'taibai_org');
  assert.equal(unmask.remote_addr, '127.0.0.1');
  assert.ok(!JSON.stringify(audit.json).includes(PHONE), 'the audit log must not hold personal data');
});

test('an administrator cannot create accounts outside or above its scope', async () => {
  const before = await countUsers();
  const outside = await county.post('/api/v1/users', { username: 'zs_x', display_name: 'x', scope_code: '420323', roles: ['leader'] });
  assert.equal(outside.status, 404);
  const above = await county.post('/api/v1/users', { username: 'sx_x', display_name: 'x', scope_code: '61', roles: ['leader'] });
  assert.equal(above.status, 404);
  const higher = await county.post('/api/v1/users', { username: 'root2', display_name: 'x', scope_code: '610331', roles: ['sys_admin'] });
  assert.equal(higher.status, 403);
  const misfit = await county.post('/api/v1/users', { username: 'vs_x', display_name: 'x', scope_code: '610331', roles: ['first_secretary'] });
  assert.equal(misfit.status, 400);
  assert.equal(misfit.json.error.field, 'roles');
  assert.equal(await countUsers(), before, 'nothing may be written');
});

test('lists and records outside the scope look absent', async () => {
  const list = await county.get('/api/v1/users?page_size=100');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.every((u) => u.scope.code.startsWith('610331')), JSON.stringify(list.json.items.map((u) => u.scope)));
  const zhushan = (await admin.get('/api/v1/users?q=zhushan_org')).json.items[0];
  assert.equal((await county.get(`/api/v1/users/${zhushan.id}`)).status, 404);
  assert.equal((await county.request('PATCH', `/api/v1/users/${zhushan.id}`, { display_name: 'x' })).status, 404);
  assert.equal((await county.get('/api/v1/users?region=420323')).status, 404);
  const audit = await county.get('/api/v1/audit?page_size=100');
  assert.ok(audit.json.items.every((e) => (e.region_code ?? '').startsWith('610331')));
});

test('bad input names the field and writes nothing', async () => {
  const before = await countUsers();
  for (const [body, field] of [
    [{ username: 'a_b', display_name: 'x', scope_code: '610331', roles: ['leader'], id_number: '110105194912310021' }, 'id_number'],
    [{ username: 'a_b', display_name: 'x', scope_code: '610331', roles: ['leader'], id_number: '6.10331E+17' }, 'id_number'],
    [{ username: 'a_b', display_name: 'x', scope_code: '610331', roles: ['leader'], phone: '12345' }, 'phone'],
    [{ username: 'a_b', display_name: 'x', scope_code: '610331', roles: 'leader' }, 'roles'],
    [{ username: 'a b', display_name: 'x', scope_code: '610331', roles: ['leader'] }, 'username'],
    [{ username: 'a_b', display_name: 'x', scope_code: '61x', roles: ['leader'] }, 'scope_code'],
    [{ username: 'a_b', display_name: 'x', scope_code: '610331', roles: ['leader'], admin: true }, 'admin'],
    [{ username: 'a_b', display_name: 'x'.repeat(51), scope_code: '610331', roles: ['leader'] }, 'display_name'],
  ]) {
    const r = await county.post('/api/v1/users', body);
    assert.equal(r.status, 400, JSON.stringify(body) + ' ' + r.text);
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  const dup = await county.post('/api/v1/users', { username: 'taibai_town', display_name: 'x', scope_code: '610331', roles: ['leader'] });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.field, 'username');
  const huge = await county.post('/api/v1/users', JSON.stringify({ username: 'x', pad: 'y'.repeat(1100000) }), { raw: true });
  assert.equal(huge.status, 413);
  assert.equal(await countUsers(), before);
});

test('updates are audited with before and after; disabling ends sessions', async () => {
  const town = new Client(server.base);
  const reset = await county.post(`/api/v1/users/${countyUser.id}/reset-password`);
  assert.equal(reset.status, 200);
  assert.equal((await town.login('taibai_town', reset.json.initial_password)).status, 200);
  const r = await county.request('PATCH', `/api/v1/users/${countyUser.id}`, { display_name: '嘴头镇党委', phone: null, disabled: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.phone, null);
  assert.equal(r.json.disabled, true);
  assert.equal((await town.get('/api/v1/auth/me')).status, 401);
  const audit = await county.get(`/api/v1/audit?entity=user&record=${countyUser.id}`);
  const update = audit.json.items.find((e) => e.action === 'update');
  assert.equal(update.before.display_name, '嘴头镇管理员');
  assert.equal(update.after.display_name, '嘴头镇党委');
  assert.equal(update.before.phone, '138****5678');
  const self = await county.request('PATCH', `/api/v1/users/${(await county.get('/api/v1/auth/me')).json.user.id}`, { roles: ['sys_admin'] });
  assert.equal(self.status, 403);
});

test('an administrator unlocks a locked account', async () => {
  const v = new Client(server.base);
  for (let i = 0; i < 5; i++) await v.login('taibai_leader', 'Wrong-Password-' + i);
  assert.equal((await v.login('taibai_leader', COUNTY_PASSWORD)).status, 423);
  const id = (await county.get('/api/v1/users?q=taibai_leader')).json.items[0].id;
  const r = await county.post(`/api/v1/users/${id}/unlock`);
  assert.equal(r.status, 200);
  assert.equal((await v.login('taibai_leader', COUNTY_PASSWORD)).status, 200);
  const log = await county.get('/api/v1/login-log?username=taibai_leader');
  assert.ok(log.json.items.some((e) => e.outcome === 'locked_now'));
});

test('my sessions: list, end the others, end all', async () => {
  const other = new Client(server.base);
  assert.equal((await other.login('taibai_org', COUNTY_PASSWORD)).status, 200);
  const list = await county.get('/api/v1/auth/sessions');
  assert.ok(list.json.items.length >= 2);
  assert.equal(list.json.items.filter((s) => s.current).length, 1);
  const revoked = await county.post('/api/v1/auth/sessions/revoke-others');
  assert.ok(revoked.json.revoked >= 1);
  assert.equal((await other.get('/api/v1/auth/me')).status, 401);
  assert.equal((await county.get('/api/v1/auth/me')).status, 200);
});

test('audit verify passes, then finds a tampered row (API and command line)', async () => {
  const ok = await admin.get('/api/v1/audit/verify');
  assert.equal(ok.status, 200);
  assert.equal(ok.json.ok, true);
  assert.ok(ok.json.rows >= 5);
  assert.equal((await county.get('/api/v1/audit/verify')).status, 403);  // system administrators only
  assert.match(zx(['audit', 'verify', '--db', server.db]), /intact/);
  // Someone with the file (or database access) edits a row around the program's triggers.
  sql(server, (server.kind === 'postgres' ? 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; '
                                          : 'DROP TRIGGER audit_log_no_update; ') +
              'UPDATE audit_log SET username = \'nobody\' WHERE id = 2;');
  const broken = await admin.get('/api/v1/audit/verify');
  assert.equal(broken.json.ok, false);
  assert.equal(broken.json.first_broken.id, 2);
  assert.throws(() => zx(['audit', 'verify', '--db', server.db]), (e) => e.status === 1 && /row 2/.test(e.stdout));
});

test('key rotation re-encrypts personal data and the server still reads it', async () => {
  const target = (await admin.get('/api/v1/users?q=taibai_town')).json.items[0];
  await admin.request('PATCH', `/api/v1/users/${target.id}`, { phone: PHONE, disabled: false });
  await server.restart(() => {
    const out = zx(['keys', 'rotate', '--db', server.db, '--key-file', server.keyFile, '--cipher', 'sm4-ctr-hmac-sm3']);
    assert.match(out, /records re-encrypted/);
  });
  const stored = sql(server, `SELECT phone_enc FROM users WHERE id = ${target.id}`);
  assert.match(stored, /sm4-ctr-hmac-sm3:/);
  const c = new Client(server.base);
  assert.equal((await c.login('taibai_org', COUNTY_PASSWORD)).status, 200);
  const r = await c.get(`/api/v1/users/${target.id}/personal-data`);
  assert.equal(r.json.phone, PHONE);
  assert.equal(r.json.id_number, ID);
  assert.equal((await c.get('/api/v1/users?q=' + ID)).json.items.length, 1, 'search by ID after rotation');
});
