// A full disk: the database on a 4 MiB tmpfs, the rest filled up. Writes answer 503 "disk is
// full" and leave nothing half-written; once space is freed the same server writes again.
// Needs to mount tmpfs (root); where that is not permitted the test is skipped and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, zx, sql, DIVISION, ADMIN_PASSWORD, DB_KIND } from '../api/harness.mjs';

function tryMount(dir) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return String(e.stderr || e.message).trim();
  }
}

// Writes zeros until the file system refuses (ENOSPC).
function fill(path) {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(16 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if (e.code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

test('disk full: writes answer 503 "disk is full", nothing half-written, recovery once space is freed', async (t) => {
  if (DB_KIND === 'postgres') return t.skip('the full-disk case runs on SQLite');
  const dir = mkdtempSync(join(tmpdir(), 'zx-full-'));
  const why = tryMount(dir);
  if (why !== null) {
    rmSync(dir, { recursive: true, force: true });
    return t.skip(`cannot mount a tmpfs here (${why}); the full-disk case needs root`);
  }
  let server;
  try {
    const db = join(dir, 'zhenxing.db');
    const keyFile = join(dir, 'data.key');
    zx(['init', '--db', db, '--key-file', keyFile], { ZHENXING_ADMIN_PASSWORD: ADMIN_PASSWORD });
    zx(['regions', 'import', '--db', db, '--source', DIVISION, '--only', '610331']);
    server = await startServer({ existing: { db, keyFile } });
    const admin = await adminClient(server.base);
    const unit = (i) => admin.post('/api/v1/sending-units', { name: `单位-${i}-${'满'.repeat(60)}`, level: 'county', region_code: '610331' });
    assert.equal((await unit(0)).status, 201);

    fill(join(dir, 'filler'));
    // Space the WAL already holds may take a few more writes; then they must fail cleanly.
    let answered = 1, refused = null;
    for (let i = 1; i < 5000 && !refused; i++) {
      const r = await unit(i);
      if (r.status === 201) answered++;
      else refused = r;
    }
    assert.ok(refused, 'no write was refused on a full disk');
    assert.equal(refused.status, 503, refused.text);
    assert.match(refused.json.error.message, /disk is full/);
    // Reads still work.
    const list = await admin.get('/api/v1/sending-units');
    assert.equal(list.status, 200, list.text);
    // Nothing half-written: exactly the answered writes are there (the audit trail too).
    const count = (q) => Number(sql(server, q).trim());
    assert.equal(count('SELECT COUNT(*) FROM sending_units'), answered);
    assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'sending_unit'"), answered);

    rmSync(join(dir, 'filler'));
    const again = await unit(100000);
    assert.equal(again.status, 201, again.text);
    assert.equal(count('SELECT COUNT(*) FROM sending_units'), answered + 1);
    assert.equal((await fetch(server.base + '/healthz')).status, 200);
    console.log(`disk full after ${answered} writes; refused with 503 "${refused.json.error.message}"; recovered after freeing space`);
  } finally {
    await server?.stop();
    try { execFileSync('umount', [dir]); } catch { /* already gone */ }
    rmSync(dir, { recursive: true, force: true });
  }
});
