// SIGTERM while writes are in flight: the server stops accepting, answers what it has read,
// commits what is queued and exits 0; every write it answered 2xx is in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, sql } from './harness.mjs';

test('SIGTERM during 400 concurrent writes: each 2xx answer is stored, exit code 0', async () => {
  const server = await startServer({ counties: ['610331'] });
  try {
    const admin = await adminClient(server.base);
    const exited = new Promise((resolve) => server.child.once('exit', (code, signal) => resolve({ code, signal })));
    const writes = [];
    for (let i = 0; i < 400; i++) {
      const name = `派出单位-${i}`;
      writes.push(admin.post('/api/v1/sending-units', { name, level: 'county', region_code: '610331' })
        .then((r) => ({ name, status: r.status }), (e) => ({ name, status: 0, error: String(e) })));
    }
    // Stop once the first answers arrive, so most writes are still queued or being read.
    await Promise.race(writes);
    server.child.kill('SIGTERM');
    const results = await Promise.all(writes);
    const { code, signal } = await exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    const stored = new Set(sql(server, 'SELECT name FROM sending_units').split('\n').filter(Boolean));
    const ok = results.filter((r) => r.status === 201);
    assert.ok(ok.length > 0, 'no write was answered before the stop');
    for (const r of ok) assert.ok(stored.has(r.name), `${r.name} was answered 201 but is not stored`);
    // Nothing answered with a server error: refused connections are the only other outcome.
    for (const r of results) assert.ok(r.status === 201 || r.status === 0, `${r.name}: ${r.status} ${r.error ?? ''}`);
    console.log(`answered 201: ${ok.length}, not answered (connection closed): ${results.length - ok.length}, stored: ${stored.size}`);
  } finally {
    await server.stop();
  }
});
