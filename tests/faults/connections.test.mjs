// Many idle connections and a stalled client: neither keeps others from being answered.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../api/harness.mjs';

let server, port;

async function serve(serveArgs = []) {
  await server?.stop();
  server = await startServer({ counties: ['610331'], serveArgs });
  port = Number(new URL(server.base).port);
}
after(async () => { await server?.stop(); });

function open() {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

function closed(socket, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => { clearTimeout(timer); resolve(true); });
  });
}

async function timedHealth() {
  const t0 = Date.now();
  const r = await fetch(server.base + '/healthz');
  return { status: r.status, ms: Date.now() - t0 };
}

test('10,000 idle connections: a normal client is still answered quickly and the server stays up', async () => {
  await serve();  // the default request timeout (30 s) leaves time to open them all
  const sockets = [];
  try {
    for (let i = 0; i < 10000; i += 500) {
      const batch = [];
      for (let j = 0; j < 500; j++) batch.push(open());
      sockets.push(...(await Promise.all(batch)));
    }
    for (const s of sockets) s.on('error', () => {});
    assert.equal(sockets.length, 10000);
    const times = [];
    for (let i = 0; i < 20; i++) {
      const r = await timedHealth();
      assert.equal(r.status, 200);
      times.push(r.ms);
    }
    times.sort((a, b) => a - b);
    // Generous: an answer takes a few ms; this only catches a server that stalls.
    assert.ok(times[times.length - 1] < 2000, `slowest answer ${times[times.length - 1]} ms`);
    const m = await (await fetch(server.base + '/metrics')).text();
    const openNow = Number(m.match(/^zhenxing_http_open_connections (\d+)$/m)[1]);
    assert.ok(openNow >= 10000, `open connections ${openNow}`);
    console.log(`10,000 idle connections open; /healthz median ${times[10]} ms, slowest ${times[19]} ms`);
  } finally {
    for (const s of sockets) s.destroy();
  }
  assert.equal(server.child.exitCode, null, 'server exited');
  assert.equal((await timedHealth()).status, 200);
});

test('a client that sends half a request and stalls is cut off by the request timeout, others are answered', async () => {
  await serve(['--request-timeout', '3']);
  const stalled = await open();
  stalled.on('error', () => {});
  stalled.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"user');
  const headerOnly = await open();
  headerOnly.on('error', () => {});
  headerOnly.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
  const cut1 = closed(stalled, 15000);
  const cut2 = closed(headerOnly, 15000);
  for (let i = 0; i < 5; i++) assert.equal((await timedHealth()).status, 200);
  assert.equal(await cut1, true, 'the stalled body was not cut off');
  assert.equal(await cut2, true, 'the stalled header was not cut off');
  assert.equal((await timedHealth()).status, 200);
});
