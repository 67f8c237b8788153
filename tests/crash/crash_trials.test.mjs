// Crash trials: a write load over real HTTP (check-ins from several cadres, work logs, new people),
// the server killed with SIGKILL at a random moment, restarted on the same files, and then:
//   * every write the server acknowledged is there, exactly as sent;
//   * a write that was in flight is there completely or not at all, never twice;
//   * what the month's presence reports equals what the stored records give;
//   * the rollups start from their snapshot and the change rows kept since, and count every
//     stored check-in;
//   * the audit log's hash chain verifies.
// Short form in `make test` (ZX_CRASH_TRIALS, default 5); long form by hand:
//   ZX_CRASH_TRIALS=100 ZX_BIN=build/zhenxing node --test tests/crash/
// (docs/RELIABILITY.md records the long-form results).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, sql } from '../api/harness.mjs';

const TRIALS = Number(process.env.ZX_CRASH_TRIALS ?? 5);
const VILLAGES = ['610331100200', '610331100201', '610331100004'];
const POS = { latitude: 34.0626, longitude: 107.3197 };
const ID_NUMBERS = ['11010519491231002X', '110101199003074514', '110101198502153212'];

let server, admin;
const cadres = [];        // { personId, dispatchId, village }
const acknowledged = new Map();  // client_id → the check-in as sent
const inFlight = new Map();      // client_id → the check-in as sent, answer never seen
const logsAcknowledged = new Set();
let totals = { trials: 0, acknowledged: 0, inFlightStored: 0, inFlightLost: 0 };

before(async () => {
  server = await startServer({ counties: ['610331'] });
  admin = await adminClient(server.base);
  const unit = await admin.post('/api/v1/sending-units', { name: '县委组织部', level: 'county', region_code: '610331' });
  assert.equal(unit.status, 201, unit.text);
  for (let i = 0; i < VILLAGES.length; i++) {
    assert.equal((await admin.request('PUT', `/api/v1/regions/${VILLAGES[i]}/position`, POS)).status, 200);
    const p = await admin.post('/api/v1/people', { name: `驻村干部${i + 1}`, id_number: ID_NUMBERS[i], region_code: '610331' });
    assert.equal(p.status, 201, p.text);
    const d = await admin.post('/api/v1/dispatches', {
      person_id: p.json.id, village_code: VILLAGES[i], role: 'first_secretary', sending_unit_id: unit.json.id,
      term_start: '2026-01-01', term_end: '2027-12-31',
    });
    assert.equal(d.status, 201, d.text);
    cadres.push({ personId: p.json.id, dispatchId: d.json.id, village: VILLAGES[i] });
  }
});

after(async () => {
  console.log(`crash trials: ${totals.trials} kills, ${totals.acknowledged} check-ins acknowledged (all found), ` +
              `${totals.inFlightStored} in-flight stored whole, ${totals.inFlightLost} in-flight not stored, 0 lost`);
  await server?.stop();
});

// Posts check-ins and work logs from `workers` loops until the server stops answering.
async function load(trial, workers) {
  let n = 0;
  const loop = async (w) => {
    for (;;) {
      const c = cadres[(w + n) % cadres.length];
      const id = `t${trial}-w${w}-${n++}`;
      const body = { client_id: id, person_id: c.personId, village_code: c.village,
                     device_time: Math.floor(Date.now() / 1000) - 60, ...POS, accuracy_m: 10 };
      inFlight.set(id, body);
      let res;
      try {
        res = await admin.post('/api/v1/checkins', body);
      } catch {
        return;  // the server is gone: this one stays "in flight"
      }
      if (res.status !== 201) throw new Error(`check-in answered ${res.status}: ${res.text}`);
      inFlight.delete(id);
      acknowledged.set(id, body);
      if (n % 7 === 0) {
        const content = `crash-log ${id}`;
        try {
          const r = await admin.post('/api/v1/work-logs', { dispatch_id: c.dispatchId, day: '2026-11-20', content, tags: ['visits'] });
          if (r.status === 201) logsAcknowledged.add(content);
        } catch {
          return;
        }
      }
    }
  };
  return Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
}

function storedCheckins() {
  const rows = sql(server, 'SELECT client_id, person_id, village_code, device_time, latitude, longitude FROM checkins')
    .trim().split('\n').filter(Boolean).map((l) => l.split('|'));
  const byId = new Map();
  for (const [clientId, person, village, deviceTime, lat, lon] of rows) {
    assert.ok(!byId.has(clientId), `check-in ${clientId} stored twice`);
    byId.set(clientId, { person: Number(person), village, deviceTime: Number(deviceTime), lat: Number(lat), lon: Number(lon) });
  }
  return byId;
}

test(`${TRIALS} kills with SIGKILL under load lose nothing that was acknowledged`, async () => {
  for (let trial = 0; trial < TRIALS; trial++) {
    const running = load(trial, 16);
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 600));
    await server.crash();
    await running;
    await server.relaunch();
    admin.base = server.base;  // a new port; the session itself is kept in the database
    totals.trials++;

    const stored = storedCheckins();
    for (const [id, sent] of acknowledged) {
      const row = stored.get(id);
      assert.ok(row, `trial ${trial}: acknowledged check-in ${id} is missing after the crash`);
      assert.deepEqual(row, { person: sent.person_id, village: sent.village_code, deviceTime: sent.device_time,
                              lat: sent.latitude, lon: sent.longitude });
    }
    // In flight at the kill: stored whole (then it counts as acknowledged from now on) or not at all.
    for (const [id, sent] of inFlight) {
      if (stored.has(id)) {
        totals.inFlightStored++;
        acknowledged.set(id, sent);
      } else {
        totals.inFlightLost++;
      }
    }
    inFlight.clear();
    for (const id of stored.keys()) assert.ok(acknowledged.has(id), `trial ${trial}: ${id} stored but never sent`);
    totals.acknowledged = acknowledged.size;

    const logs = new Set(sql(server, "SELECT content FROM work_logs WHERE content LIKE 'crash-log %'").trim().split('\n').filter(Boolean));
    for (const content of logsAcknowledged) assert.ok(logs.has(content), `trial ${trial}: acknowledged work log "${content}" missing`);

    // The rollup equals the records: days in the village per cadre this month.
    const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
    const presence = await admin.get(`/api/v1/presence/month?month=${month}`);
    assert.equal(presence.status, 200, presence.text);
    for (const c of cadres) {
      const days = Number(sql(server, `SELECT COUNT(DISTINCT day) FROM (SELECT day FROM checkins WHERE dispatch_id = ${c.dispatchId} ` +
                                      `AND within = 1 AND day LIKE '${month}-%' UNION SELECT day FROM work_logs WHERE dispatch_id = ` +
                                      `${c.dispatchId} AND in_village = 1 AND day LIKE '${month}-%') d`).trim());
      const row = presence.json.items.find((i) => i.dispatch_id === c.dispatchId);
      assert.equal(row.days_in_village, days, `trial ${trial}: presence of dispatch ${c.dispatchId}`);
    }
    // The rollups came back from the snapshot saved at the first start and the change rows kept
    // since (not rebuilt from every record), and count every stored check-in of the month.
    const status = await admin.get('/api/v1/rollups/status');
    assert.equal(status.status, 200, status.text);
    assert.equal(status.json.from_snapshot, true, `trial ${trial}: rollups rebuilt after the crash: ${status.json.snapshot_note}`);
    const counted = await admin.get(`/api/v1/rollups?indicators=checkins.count&region=610331&period=${month}`);
    assert.equal(counted.status, 200, counted.text);
    const inMonth = Number(sql(server, `SELECT COUNT(*) FROM checkins WHERE day LIKE '${month}-%'`).trim());
    assert.equal(counted.json.values[0].value ?? 0, inMonth, `trial ${trial}: check-ins of the month in the rollups`);
    const verify = await admin.get('/api/v1/audit/verify');
    assert.equal(verify.status, 200, verify.text);
    assert.equal(verify.json.ok, true, `trial ${trial}: audit chain broken: ${verify.text}`);
  }
  assert.ok(totals.acknowledged > 0, 'the load wrote nothing');
});
