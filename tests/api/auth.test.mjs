// Login, forced password change, lockout, CSRF, logout and idle expiry over real HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, ADMIN_PASSWORD, NEW_ADMIN_PASSWORD } from './harness.mjs';

let server;
const LEADER_PASSWORD = 'Leader-Pass-2026-ok';

before(async () => {
  server = await startServer({
    counties: ['610331'],
    users: [
      { username: 'leader1', scope: '610331', roles: 'leader', password: LEADER_PASSWORD },
      { username: 'victim', scope: '610331', roles: 'leader', password: LEADER_PASSWORD },
    ],
    serveArgs: ['--session-idle-seconds', '3'],
  });
});
after(async () => { await server?.stop(); });

test('login sets an HttpOnly SameSite=Strict session cookie and never returns the token in the body', async () => {
  const c = new Client(server.base);
  const r = await c.login('leader1', LEADER_PASSWORD);
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /zx_session=[0-9a-f]{64}/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.ok(!r.text.includes(cookie.match(/zx_session=([0-9a-f]+)/)[1]));
  assert.equal(r.json.user.username, 'leader1');
  assert.equal(r.json.user.scope.name, '太白县');
  assert.equal(r.json.csrf_token.length, 64);
});

test('wrong password and unknown user give the same 401', async () => {
  const c = new Client(server.base);
  const a = await c.login('leader1', 'Wrong-Password-123');
  const b = await c.login('nobody-here', 'Wrong-Password-123');
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.equal(a.json.error.message, b.json.error.message);
});

test('the first login must change the password before anything else', async () => {
  const c = new Client(server.base);
  assert.equal((await c.login('admin', ADMIN_PASSWORD)).status, 200);
  const me = await c.get('/api/v1/auth/me');
  assert.equal(me.json.user.must_change_password, true);
  const blocked = await c.get('/api/v1/regions/610331');
  assert.equal(blocked.status, 403);
  const weak = await c.post('/api/v1/auth/password', { old_password: ADMIN_PASSWORD, new_password: 'short' });
  assert.equal(weak.status, 400);
  assert.equal(weak.json.error.field, 'new_password');
  const wrongOld = await c.post('/api/v1/auth/password', { old_password: 'Not-The-Old-One-1', new_password: NEW_ADMIN_PASSWORD });
  assert.equal(wrongOld.status, 400);
  assert.equal(wrongOld.json.error.field, 'old_password');
  const ok = await c.post('/api/v1/auth/password', { old_password: ADMIN_PASSWORD, new_password: NEW_ADMIN_PASSWORD });
  assert.equal(ok.status, 200);
  assert.equal(ok.json.user.must_change_password, false);
  assert.equal((await c.get('/api/v1/regions/610331')).status, 200);
});

test('five failed logins lock the account, even against the right password', async () => {
  const c = new Client(server.base);
  for (let i = 0; i < 4; i++) assert.equal((await c.login('victim', 'Wrong-Password-' + i)).status, 401);
  const fifth = await c.login('victim', 'Wrong-Password-5');
  assert.equal(fifth.status, 423);
  const right = await c.login('victim', LEADER_PASSWORD);
  assert.equal(right.status, 423);
  assert.equal(right.json.error.code, 'locked');
  assert.match(right.json.error.message, /分钟/);
});

test('writes without the CSRF token are refused', async () => {
  const c = new Client(server.base);
  assert.equal((await c.login('leader1', LEADER_PASSWORD)).status, 200);
  const r = await c.post('/api/v1/auth/logout', undefined, { headers: { 'x-csrf-token': 'forged' } });
  assert.equal(r.status, 403);
  assert.equal((await c.get('/api/v1/auth/me')).status, 200);  // still logged in
});

test('logout ends the session', async () => {
  const c = new Client(server.base);
  assert.equal((await c.login('leader1', LEADER_PASSWORD)).status, 200);
  const saved = c.cookie;
  assert.equal((await c.post('/api/v1/auth/logout')).status, 204);
  c.cookie = saved;  // replaying the old cookie must not work
  assert.equal((await c.get('/api/v1/auth/me')).status, 401);
});

test('a session idle longer than the limit expires', async () => {
  const c = new Client(server.base);
  assert.equal((await c.login('leader1', LEADER_PASSWORD)).status, 200);
  assert.equal((await c.get('/api/v1/auth/me')).status, 200);
  await new Promise((r) => setTimeout(r, 4500));
  const r = await c.get('/api/v1/auth/me');
  assert.equal(r.status, 401);
  assert.match(r.json.error.message, /过期/);
});

test('bad login bodies name the field and unknown fields are refused', async () => {
  const c = new Client(server.base);
  for (const [body, field] of [
    ['not json', 'body'],
    ['[1,2]', 'body'],
    [JSON.stringify({ username: 'a' }), 'password'],
    [JSON.stringify({ username: 5, password: 'x' }), 'username'],
    [JSON.stringify({ username: 'leader1', password: LEADER_PASSWORD, admin: true }), 'admin'],
  ]) {
    const r = await c.post('/api/v1/auth/login', body, { raw: true });
    assert.equal(r.status, 400, body);
    assert.equal(r.json.error.field, field, body);
  }
});
