// Village two committees and their training over real HTTP: posts with 一肩挑, replacement with its
// history, yearly secretary ratings, counts per region; classes, trainees from the registry,
// attendance, yearly coverage with the untrained list, and the certificate list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client } from './harness.mjs';
import { idNumber } from './id_numbers.mjs';

const PASSWORD = 'Cadres-Pass-2026-ok';
const V1 = '610331100200';  // 咀头街村委会
const V2 = '610331100201';  // 塘口村委会
const OTHER_TOWN_VILLAGE = '610331104200';  // 东青村委会
const at = (iso) => Math.floor(Date.parse(iso) / 1000);

let server, county, town, leader;
const people = {};

async function person(client, key, region, birth, seq) {
  const r = await client.post('/api/v1/people', { name: key, id_number: idNumber('610331', birth, seq), region_code: region,
                                                  education: seq % 2 ? 'college' : 'senior' });
  assert.equal(r.status, 201, r.text);
  people[key] = r.json.id;
  return r.json.id;
}

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(at('2026-11-20T10:00:00+08:00') - Math.floor(Date.now() / 1000))],
    users: [{ username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
            { username: 'zuitou', scope: '610331100', roles: 'township_admin', password: PASSWORD },
            { username: 'taibai_leader', scope: '610331', roles: 'leader', password: PASSWORD },
            { username: 'v1_secretary', scope: V1, roles: 'village_secretary', password: PASSWORD }],
  });
  await adminClient(server.base);
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', PASSWORD)).status, 200);
  town = new Client(server.base);
  assert.equal((await town.login('zuitou', PASSWORD)).status, 200);
  leader = new Client(server.base);
  assert.equal((await leader.login('taibai_leader', PASSWORD)).status, 200);
  await person(county, '甲书记', V1, '19760101', 11);  // 50 on 2026-11-20
  await person(county, '乙委员', V1, '19860101', 12);  // 40
  await person(county, '丙书记', V2, '19700101', 13);
  await person(county, '丁主任', V2, '19800101', 14);
  await person(county, '戊新书记', V2, '19900101', 15);
  await person(county, '己外镇', OTHER_TOWN_VILLAGE, '19850101', 16);
});
after(async () => { await server?.stop(); });

const post = (client, village, key, p, start = '2021-02-27') =>
  client.post('/api/v1/village-posts', { village_code: village, person_id: people[key], post: p, term_start: start });

test('posts per village, 一肩挑 shown and counted, counts per region', async () => {
  for (const [v, k, p] of [[V1, '甲书记', 'secretary'], [V1, '甲书记', 'director'], [V1, '乙委员', 'committee_member'],
                           [V2, '丙书记', 'secretary'], [V2, '丁主任', 'director']]) {
    const r = await post(county, v, k, p);
    assert.equal(r.status, 201, r.text);
  }
  const dup = await post(county, V1, '乙委员', 'secretary');
  assert.equal(dup.status, 409);
  const badPost = await post(county, V1, '乙委员', 'mayor');
  assert.equal(badPost.json.error.field, 'post');
  const list = await county.get(`/api/v1/village-posts?region=${V1}`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.items.length, 3);
  assert.deepEqual(list.json.items.filter((x) => x.yijiantiao).map((x) => x.post).sort(), ['director', 'secretary']);
  assert.equal(list.json.items[0].age, 50);
  const stats = await county.get('/api/v1/village-cadres/stats?region=610331100');
  assert.equal(stats.status, 200, stats.text);
  assert.equal(stats.json.total.secretaries, 2);
  assert.equal(stats.json.total.yijiantiao, 1);
  assert.equal(stats.json.total.yijiantiao_share, 0.5);
  assert.equal(stats.json.total.cadres, 4);
  assert.equal(stats.json.total.average_age, (50 + 40 + 56 + 46) / 4);
  assert.equal(stats.json.total.villages, 15);
  const row = stats.json.rows.find((r) => r.code === V1);
  assert.equal(row.yijiantiao, 1);
  assert.equal(row.education.college + row.education.senior, 2);
});

test('a post for a person outside the scope, or in a village outside it, is refused naming the field', async () => {
  let r = await post(town, V1, '己外镇', 'branch_member');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'person_id');
  r = await post(town, OTHER_TOWN_VILLAGE, '甲书记', 'branch_member');
  assert.equal(r.json.error.field, 'village_code');
  r = await county.post('/api/v1/village-posts', { village_code: V1, person_id: 999999, post: 'branch_member', term_start: '2021-02-27' });
  assert.equal(r.json.error.field, 'person_id');
  r = await leader.post('/api/v1/village-posts', { village_code: V1, person_id: people['乙委员'], post: 'branch_member', term_start: '2021-02-27' });
  assert.equal(r.status, 403);
});

test('replacement (调整): the old row ends with day and reason, the new one starts; the history keeps both', async () => {
  const list = await county.get(`/api/v1/village-posts?region=${V2}&post=secretary`);
  const old = list.json.items[0];
  const bad = await county.post(`/api/v1/village-posts/${old.id}/replacement`, { day: '2020-01-01', reason: '考核不称职', person_id: people['戊新书记'] });
  assert.equal(bad.json.error.field, 'day');
  const r = await county.post(`/api/v1/village-posts/${old.id}/replacement`, { day: '2026-06-30', reason: '年度考核不称职,予以调整', person_id: people['戊新书记'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ended.term_end, '2026-06-30');
  const again = await county.post(`/api/v1/village-posts/${old.id}/replacement`, { day: '2026-07-01', reason: 'x' });
  assert.equal(again.status, 409);
  const now = await county.get(`/api/v1/village-posts?region=${V2}&post=secretary`);
  assert.deepEqual(now.json.items.map((x) => x.name), ['戊新书记']);
  const hist = await county.get(`/api/v1/village-posts?region=${V2}&post=secretary&history=1`);
  assert.deepEqual(hist.json.items.map((x) => [x.name, x.term_end, x.end_reason]),
                   [['丙书记', '2026-06-30', '年度考核不称职,予以调整'], ['戊新书记', null, '']]);
  const e = await county.post('/api/v1/village-elections', { village_code: V2, day: '2021-02-27', term_start: '2021-02-27', term_end: '2026-02-26' });
  assert.equal(e.status, 201, e.text);
  assert.equal((await county.get('/api/v1/village-elections?region=610331100')).json.items.length, 1);
});

test('yearly secretary ratings: only the four grades, only the village secretary, once a year', async () => {
  let r = await county.post('/api/v1/secretary-ratings', { village_code: V1, person_id: people['甲书记'], year: 2025, rating: 'great' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'rating');
  r = await county.post('/api/v1/secretary-ratings', { village_code: V1, person_id: people['乙委员'], year: 2025, rating: 'competent' });
  assert.equal(r.json.error.field, 'person_id');
  r = await county.post('/api/v1/secretary-ratings', { village_code: V1, person_id: people['甲书记'], year: 2025, rating: 'excellent' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.rating_title, '优秀');
  r = await county.post('/api/v1/secretary-ratings', { village_code: V1, person_id: people['甲书记'], year: 2025, rating: 'competent' });
  assert.equal(r.status, 409);
  const list = await county.get('/api/v1/secretary-ratings?year=2025&region=610331100');
  assert.equal(list.json.items.length, 2);
  assert.equal(list.json.counts.excellent, 1);
  assert.equal(list.json.counts.unrated, 1);
});

test('training: an unknown trainee rejects the whole list and leaves nothing; attendance, coverage, certificates', async () => {
  let c = await county.post('/api/v1/training-classes', { region_code: '610331', level: 'city', organizer: '宝鸡市委组织部',
    title: '村党组织书记乡村振兴专题培训班', topic: '集体经济', start_day: '2026-04-10', end_day: '2026-04-14', hours: 40 });
  assert.equal(c.status, 201, c.text);
  const cls = c.json.id;
  const bad = await county.post('/api/v1/training-classes', { region_code: '610331', level: 'village', organizer: 'x', title: 'x',
    start_day: '2026-04-10', end_day: '2026-04-14', hours: 8 });
  assert.equal(bad.json.error.field, 'level');
  let r = await county.post(`/api/v1/training-classes/${cls}/trainees`, { trainees: [
    { person_id: people['甲书记'] }, { person_id: people['乙委员'] }, { person_id: 987654 }] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'trainees[2].person_id');
  assert.equal((await county.get(`/api/v1/training-classes/${cls}/trainees`)).json.items.length, 0);  // nothing half-written
  r = await county.post(`/api/v1/training-classes/${cls}/trainees`, { trainees: [
    { person_id: people['甲书记'] }, { person_id: people['戊新书记'] }, { person_id: people['乙委员'] }] });
  assert.equal(r.status, 201, r.text);
  r = await county.request('PUT', `/api/v1/training-classes/${cls}/attendance`, { items: [
    { person_id: people['甲书记'], attendance: 'attended' }, { person_id: people['戊新书记'], attendance: 'attended' },
    { person_id: people['乙委员'], attendance: 'absent' }] });
  assert.equal(r.status, 200, r.text);
  r = await county.request('PUT', `/api/v1/training-classes/${cls}/attendance`, { items: [{ person_id: people['丁主任'], attendance: 'attended' }] });
  assert.equal(r.json.error.field, 'items[0].person_id');
  const trainees = await county.get(`/api/v1/training-classes/${cls}/trainees`);
  assert.match(trainees.json.items.find((t) => t.person_id === people['甲书记']).certificate_no, /^PX2026-/);

  const cov = await county.get('/api/v1/training/coverage?year=2026&region=610331100');
  assert.equal(cov.status, 200, cov.text);
  // Cadres held in 2026: 甲书记 (secretary+director), 乙委员, 丙书记 (until June), 丁主任, 戊新书记.
  assert.equal(cov.json.total.cadres, 5);
  assert.equal(cov.json.total.trained, 2);
  assert.deepEqual(cov.json.untrained.map((u) => u.name).sort(), ['丁主任', '丙书记', '乙委员'].sort());
  assert.equal(cov.json.secretaries, 3);
  assert.equal(cov.json.secretaries_trained_by_city, 2);
  const classes = await leader.get('/api/v1/training-classes?year=2026');
  assert.equal(classes.json.items[0].attended, 2);

  const xlsx = await fetch(`${server.base}/api/v1/training/certificates.xlsx?year=2026`, { headers: { cookie: county.cookie } });
  assert.equal(xlsx.status, 200);
  assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  const csv = await county.get('/api/v1/training/certificates.xlsx?year=2026&format=csv');
  assert.equal(csv.status, 200);
  assert.equal(csv.text.trim().split('\r\n').length, 3);  // header + two certificates
  assert.match(csv.text, /甲书记/);
});

test('a village secretary reads only the own village and writes nothing', async () => {
  const own = new Client(server.base);
  assert.equal((await own.login('v1_secretary', PASSWORD)).status, 200);
  const posts = await own.get('/api/v1/village-posts');
  assert.equal(posts.status, 200, posts.text);
  assert.ok(posts.json.items.length > 0);
  assert.ok(posts.json.items.every((x) => x.village.code === V1));
  assert.equal((await own.get(`/api/v1/village-posts?region=${V2}`)).status, 404);
  assert.equal((await own.get('/api/v1/training/coverage?year=2026')).json.total.cadres, 2);
  const w = await own.post('/api/v1/village-posts', { village_code: V1, person_id: people['乙委员'], post: 'branch_member', term_start: '2026-01-01' });
  assert.equal(w.status, 403);
});
