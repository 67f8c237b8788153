// A read-only database: the server was killed (its -wal and -shm files stay) and the file system
// came back read-only, as ext4 does after an I/O error (errors=remount-ro). We are root, for whom
// chmod changes nothing, so the folder is bind-mounted read-only instead. The restarted server
// answers reads; writes answer 503 "database is read-only"; nothing changes on disk; writable
// again once the mount is gone.
// Needs mount (root); skipped with a message otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, Client, NEW_ADMIN_PASSWORD, DB_KIND, storedBytes } from '../api/harness.mjs';

function mountReadOnly(from, to) {
  try {
    execFileSync('mount', ['--bind', from, to], { stdio: 'pipe' });
  } catch (e) {
    return String(e.stderr || e.message).trim();
  }
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', to], { stdio: 'pipe' });
    return null;
  } catch (e) {
    execFileSync('umount', [to]);
    return String(e.stderr || e.message).trim();
  }
}

test('read-only database: reads work, writes answer 503 "database is read-only", nothing changes', async (t) => {
  if (DB_KIND === 'postgres') return t.skip('the read-only file case runs on SQLite');
  const server = await startServer({ counties: ['610331'] });
  const roDir = mkdtempSync(join(tmpdir(), 'zx-ro-'));
  let mounted = false, roServer;
  try {
    const admin = await adminClient(server.base);
    const unit = (c, name) => c.post('/api/v1/sending-units', { name, level: 'county', region_code: '610331' });
    assert.equal((await unit(admin, '写入一')).status, 201);
    await server.crash();

    const why = mountReadOnly(server.dir, roDir);
    if (why !== null) return t.skip(`cannot bind-mount read-only here (${why}); the read-only case needs root`);
    mounted = true;
    const before = storedBytes(server);
    const rel = (p) => join(roDir, p.slice(server.dir.length));
    roServer = await startServer({ existing: { db: rel(server.db), keyFile: rel(server.keyFile) } });

    // The session made before the crash still reads (its last-seen touch fails quietly).
    const c = new Client(roServer.base);
    c.cookie = admin.cookie;
    c.csrf = admin.csrf;
    assert.equal((await fetch(roServer.base + '/healthz')).status, 200);
    const list = await c.get('/api/v1/sending-units');
    assert.equal(list.status, 200, list.text);
    assert.ok(list.text.includes('写入一'));
    const write = await unit(c, '写入二');
    assert.equal(write.status, 503, write.text);
    assert.match(write.json.error.message, /read-only/);
    // A login writes (session, login log): refused the same way.
    const login = await new Client(roServer.base).login('admin', NEW_ADMIN_PASSWORD);
    assert.equal(login.status, 503, login.text);
    assert.deepEqual(storedBytes(server), before, 'the database files changed');
    // Writable again (the mount gone): the same files take writes.
    await roServer.stop();
    roServer = null;
    execFileSync('umount', [roDir]);
    mounted = false;
    await server.relaunch();
    admin.base = server.base;  // a new port
    assert.equal((await unit(admin, '写入三')).status, 201);
    console.log(`read-only: reads 200; a write answers 503 "${write.json.error.message}"; writable again after`);
  } finally {
    await roServer?.stop();
    if (mounted) execFileSync('umount', [roDir]);
    rmSync(roDir, { recursive: true, force: true });
    await server.stop();
  }
});
