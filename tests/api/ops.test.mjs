// Operations over real HTTP: /metrics counts requests and is open to loopback callers without a
// session; every answer carries an X-Request-Id that names its line in the JSON request log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, adminClient } from './harness.mjs';

let server, admin, logFile;

before(async () => {
  // The server's scratch folder is made inside startServer, so the log goes beside it.
  logFile = join(process.env.TMPDIR ?? '/tmp', `zx-requests-${process.pid}-${Date.now()}.log`);
  server = await startServer({ counties: ['610331'], serveArgs: ['--log-format', 'json', '--log-file', logFile] });
  admin = await adminClient(server.base);
});
after(async () => { await server?.stop(); rmSync(logFile, { force: true }); });

async function metrics(headers = {}) {
  const res = await fetch(server.base + '/metrics', { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function sample(text, name, labels) {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `) || (labels === '' && l.startsWith(name + ' ')));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

test('/metrics is Prometheus text and open to a loopback scrape without a session', async () => {
  const m = await metrics();
  assert.equal(m.status, 200, m.text);
  assert.match(m.type, /^text\/plain; version=0\.0\.4/);
  assert.match(m.text, /^# HELP zhenxing_http_requests_total /m);
  assert.match(m.text, /^# TYPE zhenxing_http_request_duration_seconds histogram$/m);
  for (const name of ['zhenxing_db_write_queue_depth', 'zhenxing_db_write_batches_total', 'zhenxing_db_reads_total',
                      'zhenxing_db_read_seconds_total', 'zhenxing_http_open_connections', 'process_start_time_seconds',
                      'zhenxing_uptime_seconds'])
    assert.match(m.text, new RegExp(`^${name} [0-9.e+]+$`, 'm'), name);
  assert.ok(Math.abs(sample(m.text, 'process_start_time_seconds', '') - Date.now() / 1000) < 3600);
});

test('a scrape through a reverse proxy on this host is refused', async () => {
  const m = await metrics({ 'x-forwarded-for': '203.0.113.9' });
  assert.equal(m.status, 403, m.text);
});

test('counters move after requests', async () => {
  const labels = 'method="GET",route="/healthz",status="2xx"';
  const hist = 'method="GET",route="/healthz"';
  const before = (await metrics()).text;
  for (let i = 0; i < 5; i++) assert.equal((await fetch(server.base + '/healthz')).status, 200);
  const bad = await admin.post('/api/v1/sending-units', { name: 'x', level: 'nowhere', region_code: '610331' });
  assert.equal(bad.status, 400);
  const ok = await admin.post('/api/v1/sending-units', { name: '太白县委组织部', level: 'county', region_code: '610331' });
  assert.equal(ok.status, 201, ok.text);
  const afterText = (await metrics()).text;
  assert.equal(sample(afterText, 'zhenxing_http_requests_total', labels) - sample(before, 'zhenxing_http_requests_total', labels), 5);
  assert.equal(sample(afterText, 'zhenxing_http_request_duration_seconds_count', hist) -
               sample(before, 'zhenxing_http_request_duration_seconds_count', hist), 5);
  assert.ok(sample(afterText, 'zhenxing_http_requests_total', 'method="POST",route="/api/v1/sending-units",status="4xx"') >= 1);
  assert.ok(sample(afterText, 'zhenxing_http_requests_total', 'method="POST",route="/api/v1/sending-units",status="2xx"') >= 1);
  assert.ok(sample(afterText, 'zhenxing_db_write_batches_total', '') > sample(before, 'zhenxing_db_write_batches_total', ''));
  assert.ok(sample(afterText, 'zhenxing_db_reads_total', '') > sample(before, 'zhenxing_db_reads_total', ''));
  assert.ok(sample(afterText, 'zhenxing_http_open_connections', '') >= 1);
});

test('every answer has an X-Request-Id, and the JSON request log has its line without query values', async () => {
  const r = await admin.get('/api/v1/audit?actor=secret-value-123');
  const id = r.headers.get('x-request-id');
  assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]+$/);
  const other = await fetch(server.base + '/healthz');
  assert.notEqual(other.headers.get('x-request-id'), id);
  let line;
  for (let i = 0; i < 50 && !line; i++) {
    await new Promise((res) => setTimeout(res, 100));  // the log is flushed once a second
    if (!existsSync(logFile)) continue;
    line = readFileSync(logFile, 'utf8').split('\n').find((l) => l.includes(`"request_id":"${id}"`));
  }
  assert.ok(line, 'no log line with request id ' + id);
  const entry = JSON.parse(line);
  assert.equal(entry.method, 'GET');
  assert.equal(entry.path, '/api/v1/audit');
  assert.equal(entry.status, r.status);
  assert.equal(entry.remote, '127.0.0.1');
  assert.equal(typeof entry.duration_ms, 'number');
  assert.ok(entry.user_id > 0);
  assert.match(entry.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(entry.query_keys, 'actor');
  assert.ok(!readFileSync(logFile, 'utf8').includes('secret-value-123'));
});
