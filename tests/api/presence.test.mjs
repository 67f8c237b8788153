// A stationed cadre's whole month over real HTTP: posting, leave with its approval chain,
// check-ins (inside and outside the radius, offline and late, one duplicate), a work log, the
// resulting days in the village and the compliance lists — checked against an independent count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, adminClient, Client } from './harness.mjs';

const VILLAGE = '610331100200';          // a village of 嘴头镇, 太白县
const OTHER_VILLAGE = '610331100201';
const POS = { latitude: 34.0626, longitude: 107.3197 };
const PASSWORD = 'Cadre-Pass-2026-ok';
// China time: "2026-11-01T09:00+08:00" → Unix seconds.
const at = (iso) => Math.floor(Date.parse(iso) / 1000);
const offsetTo = (iso) => at(iso) - Math.floor(Date.now() / 1000);

let server, admin, cadre, town, county, personId, dispatchId;
const leaveDays = new Set();

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(offsetTo('2026-11-01T09:00:00+08:00'))],
    users: [
      { username: 'zuitou_admin', scope: '610331100', roles: 'township_admin', password: PASSWORD },
      { username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
    ],
  });
  admin = await adminClient(server.base);
  town = new Client(server.base);
  assert.equal((await town.login('zuitou_admin', PASSWORD)).status, 200);
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', PASSWORD)).status, 200);
});
after(async () => { await server?.stop(); });

test('a person is registered once, posted as first secretary, and gets an account', async () => {
  assert.equal((await county.request('PUT', `/api/v1/regions/${VILLAGE}/position`, POS)).status, 200);
  const unit = await county.post('/api/v1/sending-units', { name: '宝鸡市委组织部', level: 'city', region_code: '610331' });
  assert.equal(unit.status, 201, unit.text);
  const person = await county.post('/api/v1/people', {
    name: '王建国', id_number: '11010519491231002X', phone: '13800001111', party_member: true,
    education: 'bachelor', work_unit: '宝鸡市委组织部', region_code: '610331',
  });
  assert.equal(person.status, 201, person.text);
  assert.equal(person.json.sex, 'F');                // from the ID number
  assert.equal(person.json.birth_date, '1949-12-31');
  assert.equal(person.json.id_number, '1101**********002X');
  personId = person.json.id;
  const again = await county.post('/api/v1/people', { name: '王建国', id_number: '11010519491231002X', region_code: '610331' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.field, 'id_number');
  const d = await county.post('/api/v1/dispatches', {
    person_id: personId, village_code: VILLAGE, role: 'first_secretary', sending_unit_id: unit.json.id,
    term_start: '2026-01-01', term_end: '2027-12-31', insured: true,
  });
  assert.equal(d.status, 201, d.text);
  dispatchId = d.json.id;
  assert.equal(d.json.status, 'in_post');
  const twice = await county.post('/api/v1/dispatches', {
    person_id: personId, village_code: OTHER_VILLAGE, role: 'team_member', sending_unit_id: unit.json.id,
    term_start: '2026-01-01', term_end: '2027-12-31',
  });
  assert.equal(twice.status, 409);
  const filing = await county.get('/api/v1/filing');
  assert.equal(filing.json.counts.first_secretaries_in_post, 1);
  assert.equal(filing.json.counts.villages, 46);
  assert.equal(filing.json.counts.villages_without_first_secretary, 45);
  assert.ok(!filing.json.villages_without_first_secretary.some((v) => v.code === VILLAGE));
  const acct = await county.post('/api/v1/users', {
    username: 'wang_fs', display_name: '王建国', scope_code: VILLAGE, roles: ['first_secretary'], person_id: personId,
    password: PASSWORD,
  });
  assert.equal(acct.status, 201, acct.text);
  cadre = new Client(server.base);
  assert.equal((await cadre.login('wang_fs', PASSWORD)).status, 200);
  const NEW = PASSWORD + '-x';
  assert.equal((await cadre.post('/api/v1/auth/password', { old_password: PASSWORD, new_password: NEW })).status, 200);
  assert.equal((await cadre.get('/api/v1/auth/me')).json.user.person_id, personId);
});

test('leave: the township approves short leave, the county also approves long leave', async () => {
  const short = await cadre.post('/api/v1/leaves', { dispatch_id: dispatchId, start_day: '2026-11-10', end_day: '2026-11-12', reason: '家中有事' });
  assert.equal(short.status, 201, short.text);
  assert.equal(short.json.needs_county, false);
  const long = await cadre.post('/api/v1/leaves', { dispatch_id: dispatchId, start_day: '2026-11-20', end_day: '2026-11-25', reason: '住院治疗' });
  assert.equal(long.json.needs_county, true);
  const overlap = await cadre.post('/api/v1/leaves', { dispatch_id: dispatchId, start_day: '2026-11-12', end_day: '2026-11-13', reason: 'x' });
  assert.equal(overlap.status, 409);
  const retro = await cadre.post('/api/v1/leaves', { dispatch_id: dispatchId, start_day: '2026-10-30', end_day: '2026-11-02', reason: 'x' });
  assert.equal(retro.status, 400);
  assert.equal(retro.json.error.field, 'start_day');
  assert.equal((await cadre.post(`/api/v1/leaves/${short.json.id}/decision`, { decision: 'approve' })).status, 403);
  const t1 = await town.post(`/api/v1/leaves/${short.json.id}/decision`, { decision: 'approve' });
  assert.equal(t1.json.status, 'approved');
  const t2 = await town.post(`/api/v1/leaves/${long.json.id}/decision`, { decision: 'approve' });
  assert.equal(t2.json.status, 'township_approved');
  assert.equal((await town.post(`/api/v1/leaves/${long.json.id}/decision`, { decision: 'approve' })).status, 403);
  const c2 = await county.post(`/api/v1/leaves/${long.json.id}/decision`, { decision: 'approve' });
  assert.equal(c2.json.status, 'approved');
  for (const d of ['10', '11', '12', '20', '21', '22', '23', '24', '25']) leaveDays.add(`2026-11-${d}`);
});

test('a month of check-ins uploaded late, and the days and compliance that follow', async () => {
  // Upload on 1 December: everything from November arrives late from the offline queue.
  await server.restart(() => {}, ['--clock-offset-seconds', String(offsetTo('2026-12-01T10:00:00+08:00'))]);
  cadre = new Client(server.base);
  assert.equal((await cadre.login('wang_fs', PASSWORD + '-x')).status, 200);
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', PASSWORD)).status, 200);
  admin = new Client(server.base);
  assert.equal((await admin.login('admin', 'Changed-Root-Pass-2026')).status, 200);

  const evidence = new Set();
  const far = { latitude: POS.latitude + 0.2, longitude: POS.longitude };  // about 22 km away
  const absent = new Set(['03', '04', '17', '18', '26', '27', '28', '29', '30']);
  for (let day = 1; day <= 30; day++) {
    const dd = String(day).padStart(2, '0');
    if (absent.has(dd)) continue;
    const outside = dd === '05' || dd === '06';
    const r = await cadre.post('/api/v1/checkins', {
      client_id: `wang-2026-11-${dd}`, person_id: personId, village_code: VILLAGE,
      device_time: at(`2026-11-${dd}T08:30:00+08:00`), ...(outside ? far : POS), accuracy_m: 15,
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.checkin.within, !outside);
    assert.equal(r.json.checkin.late, true);
    assert.equal(r.json.checkin.day, `2026-11-${dd}`);
    if (!outside) evidence.add(`2026-11-${dd}`);
  }
  // The phone retries one upload: stored once.
  const dup = await cadre.post('/api/v1/checkins', {
    client_id: 'wang-2026-11-07', person_id: personId, village_code: VILLAGE,
    device_time: at('2026-11-07T08:30:00+08:00'), ...POS,
  });
  assert.equal(dup.status, 200);
  assert.equal(dup.json.duplicate, true);
  // A work log written in the village on a day without a check-in counts too.
  const log = await cadre.post('/api/v1/work-logs', {
    dispatch_id: dispatchId, day: '2026-11-17', content: '走访脱贫户 12 户，了解产业发展情况', tags: ['visits', 'industry'],
  });
  assert.equal(log.status, 201, log.text);
  evidence.add('2026-11-17');

  const listed = await county.get('/api/v1/checkins?from=2026-11-01&to=2026-11-30');
  assert.equal(listed.json.items.length, 30 - absent.size);

  // The expected figure, counted independently: evidence days not on approved leave.
  const expected = [...evidence].filter((d) => !leaveDays.has(d)).length;
  const month = await county.get('/api/v1/presence/month?month=2026-11');
  assert.equal(month.status, 200, month.text);
  const me = month.json.items.find((i) => i.dispatch_id === dispatchId);
  assert.equal(me.days_in_village, expected);
  assert.equal(me.leave_days, 9);
  const want = expected >= 20 ? 'compliant' : expected >= 16 ? 'warning' : 'non_compliant';
  assert.equal(me.compliance, want);
  assert.equal(month.json.counts[want], 1);

  // A county that asks for fewer days makes the same month compliant.
  assert.equal((await county.request('PUT', '/api/v1/presence/rules/610331', { min_days: expected, warning_days: expected - 2, radius_m: 2000 })).status, 200);
  const again = await county.get('/api/v1/presence/month?month=2026-11');
  assert.equal(again.json.items.find((i) => i.dispatch_id === dispatchId).compliance, 'compliant');
});

test('the attendance book and the allowance sheet come from the same records', async () => {
  const month = await county.get('/api/v1/presence/month?month=2026-11');
  const me = month.json.items.find((i) => i.dispatch_id === dispatchId);
  const res = await fetch(`${server.base}/api/v1/presence/attendance.xlsx?village=${VILLAGE}&month=2026-11`,
                          { headers: { cookie: county.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''/);
  const file = join(server.dir, 'book.xlsx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const sheet = execFileSync('python3', ['-c', 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', file], { encoding: 'utf8' });
  const cells = (text) => (sheet.match(new RegExp(`<t>${text}</t>`, 'g')) ?? []).length;
  assert.equal(cells('√'), me.days_in_village);
  assert.equal(cells('假'), 9);
  assert.ok(sheet.includes('王建国'));
  const sheetAllowance = await county.get('/api/v1/presence/allowances?month=2026-11');
  const row = sheetAllowance.json.items.find((i) => i.dispatch_id === dispatchId);
  assert.equal(row.yuan_per_day, 50);  // a city unit
  assert.equal(row.amount_yuan, 50 * me.days_in_village);
  // A county that pays city units 55 yuan a day gets the sheet recomputed, nothing retyped.
  assert.equal((await county.request('PUT', '/api/v1/presence/allowance-rates/610331', { provincial_yuan: 70, city_yuan: 55, county_yuan: 45 })).status, 200);
  assert.equal((await county.get(`/api/v1/presence/allowance-rates?region=${VILLAGE}`)).json.city_yuan, 55);
  const rerated = (await county.get('/api/v1/presence/allowances?month=2026-11')).json.items.find((i) => i.dispatch_id === dispatchId);
  assert.equal(rerated.amount_yuan, 55 * me.days_in_village);
  assert.equal((await county.get('/api/v1/presence/attendance.xlsx?village=610331&month=2026-11')).status, 400);
  assert.equal((await county.get('/api/v1/presence/attendance.xlsx?village=420323100200&month=2026-11')).status, 404);
  assert.equal((await county.get(`/api/v1/presence/attendance.xlsx?village=${VILLAGE}&month=2026-13`)).json.error.field, 'month');
});

test('bad check-ins are refused with the field named, and nothing is kept', async () => {
  const before = (await county.get('/api/v1/checkins?from=2026-10-01&to=2026-12-31')).json.items.length;
  const base = { person_id: personId, village_code: VILLAGE, device_time: at('2026-11-30T20:00:00+08:00'), ...POS };
  const cases = [
    [cadre, { ...base, client_id: 'bad-1', latitude: 91 }, 400, 'latitude'],
    [cadre, { ...base, client_id: 'bad-2', latitude: 0, longitude: 0 }, 400, 'latitude'],
    [cadre, { ...base, client_id: 'bad-3', longitude: 'east' }, 400, 'longitude'],
    [cadre, { ...base, client_id: 'bad-4', device_time: at('2026-12-03T10:00:00+08:00') }, 400, 'device_time'],
    [cadre, { ...base, client_id: 'bad-5', device_time: at('2026-08-01T10:00:00+08:00') }, 400, 'device_time'],
    [admin, { ...base, client_id: 'bad-6', person_id: 987654 }, 400, 'person_id'],
    [admin, { ...base, client_id: 'bad-7', village_code: OTHER_VILLAGE }, 400, 'village_code'],
    [cadre, { ...base, client_id: 'bad-8', person_id: personId + 1 }, 403, undefined],
    [cadre, { ...base, client_id: 'bad-9', village_code: '420323100200' }, 404, undefined],
    [cadre, { ...base, client_id: 'bad-10', extra: 1 }, 400, 'extra'],
  ];
  for (const [who, body, status, field] of cases) {
    const r = await who.post('/api/v1/checkins', body);
    assert.equal(r.status, status, JSON.stringify(body) + ' ' + r.text);
    if (field) assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  const after = (await county.get('/api/v1/checkins?from=2026-10-01&to=2026-12-31')).json.items.length;
  assert.equal(after, before);
});

test('recall ends the dispatch with its reason and lists the village for replacement', async () => {
  const bad = await county.post(`/api/v1/dispatches/${dispatchId}/status`, { status: 'recalled' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'reason');
  const r = await county.post(`/api/v1/dispatches/${dispatchId}/status`, { status: 'recalled', reason: '年度考核不称职' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'recalled');
  const again = await county.post(`/api/v1/dispatches/${dispatchId}/status`, { status: 'rotated' });
  assert.equal(again.status, 409);
  const one = await county.get(`/api/v1/dispatches/${dispatchId}`);
  assert.deepEqual(one.json.history.map((h) => h.to), ['in_post', 'recalled']);
  const filing = await county.get('/api/v1/filing');
  assert.ok(filing.json.villages_without_first_secretary.some((v) => v.code === VILLAGE));
  const late = await cadre.post('/api/v1/checkins', {
    client_id: 'after-recall', person_id: personId, village_code: VILLAGE, device_time: at('2026-12-01T09:00:00+08:00'), ...POS,
  });
  assert.equal(late.status, 400);
  assert.equal(late.json.error.field, 'village_code');
});
