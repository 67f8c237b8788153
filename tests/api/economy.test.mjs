// The collective economy over real HTTP: income by item with evidence, classes and targets, the
// contribution reward (贡献补贴奖) of 东青村 as the county report gives it (6 cadres, 6,000 yuan the
// most and 3,600 the least, from at most 15% of the year's income), and the pay sheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, adminClient, Client } from './harness.mjs';
import { idNumber } from './id_numbers.mjs';

const PASSWORD = 'Economy-Pass-2026-ok';
const DONGQING = '610331104200';  // 东青村委会, 太白河镇, 太白县
const ZUITOU_VILLAGE = '610331100200';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);

let server, county, town;
const cadres = [];  // person ids of 东青村's six cadres

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(at('2026-11-20T10:00:00+08:00') - Math.floor(Date.now() / 1000))],
    users: [{ username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD },
            { username: 'zuitou', scope: '610331100', roles: 'township_admin', password: PASSWORD }],
  });
  await adminClient(server.base);
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', PASSWORD)).status, 200);
  town = new Client(server.base);
  assert.equal((await town.login('zuitou', PASSWORD)).status, 200);
  const names = ['王建国', '李秀英', '张志强', '刘海燕', '陈永胜', '杨玉兰'];
  const posts = ['secretary', 'deputy_secretary', 'branch_member', 'committee_member', 'committee_member', 'supervisor'];
  for (let i = 0; i < 6; i++) {
    const p = await county.post('/api/v1/people', { name: names[i], id_number: idNumber('610331', `197${i}0315`, 100 + i),
                                                    region_code: DONGQING, education: i < 3 ? 'college' : 'senior' });
    assert.equal(p.status, 201, p.text);
    cadres.push(p.json.id);
    const post = await county.post('/api/v1/village-posts', { village_code: DONGQING, person_id: p.json.id, post: posts[i],
                                                             term_start: '2021-02-27' });
    assert.equal(post.status, 201, post.text);
  }
  // 一肩挑: the secretary is also the committee director.
  const both = await county.post('/api/v1/village-posts', { village_code: DONGQING, person_id: cadres[0], post: 'director',
                                                           term_start: '2021-02-27' });
  assert.equal(both.status, 201, both.text);
});
after(async () => { await server?.stop(); });

const evidence = (name) => ({ evidence_name: name, evidence_sha256: createHash('sha256').update(name).digest('hex') });

test('income by item with evidence: total and class; bad input names the field', async () => {
  const put = await county.request('PUT', '/api/v1/collective-income', {
    village_code: DONGQING, year: 2021,
    items: [{ item: 'operating', amount_yuan: 120000, ...evidence('东青村2021经营收入台账.pdf') },
            { item: 'contracting', amount_yuan: 40000 }, { item: 'investment', amount_yuan: 20000 },
            { item: 'subsidy', amount_yuan: 10000 }],
  });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.total, 190000);
  assert.equal(put.json.class, '100k_plus');
  const neg = await county.request('PUT', '/api/v1/collective-income', {
    village_code: ZUITOU_VILLAGE, year: 2021, items: [{ item: 'operating', amount_yuan: 1000 }, { item: 'other', amount_yuan: -5 }] });
  assert.equal(neg.status, 400);
  assert.equal(neg.json.error.field, 'items[1].amount_yuan');
  const badItem = await county.request('PUT', '/api/v1/collective-income', {
    village_code: ZUITOU_VILLAGE, year: 2021, items: [{ item: 'dividend', amount_yuan: 5 }] });
  assert.equal(badItem.json.error.field, 'items[0].item');
  const badSha = await county.request('PUT', '/api/v1/collective-income', {
    village_code: ZUITOU_VILLAGE, year: 2021, items: [{ item: 'other', amount_yuan: 5, evidence_name: 'a.pdf', evidence_sha256: 'xyz' }] });
  assert.equal(badSha.json.error.field, 'items[0].evidence_sha256');
  const list = await county.get('/api/v1/collective-income?year=2021');
  const dq = list.json.items.find((x) => x.village.code === DONGQING);
  assert.equal(dq.total, 190000);
  assert.equal(dq.evidence.operating.name, '东青村2021经营收入台账.pdf');
  assert.equal(list.json.items.find((x) => x.village.code === ZUITOU_VILLAGE).reported, false);  // nothing half-written
  assert.equal(list.json.total, 190000);
});

test('classes and progress against targets, targets configurable per region', async () => {
  let p = await county.get('/api/v1/collective-income/progress?year=2021');
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.total.villages, 46);
  assert.equal(p.json.total.at_100k, 1);
  assert.equal(p.json.total.classes.none, 45);
  assert.equal(p.json.total.target_pct_50k, 100);
  assert.equal(p.json.total.target_pct_100k, 70);
  assert.equal(p.json.total.met_50k, false);
  const row = p.json.rows.find((r) => r.code === '610331104000');
  assert.equal(row.name, '太白河镇');
  assert.equal(row.at_50k, 1);
  const bad = await county.request('PUT', '/api/v1/economy/targets/610331', { pct_50k: 60, pct_100k: 80 });
  assert.equal(bad.json.error.field, 'pct_100k');
  assert.equal((await county.request('PUT', '/api/v1/economy/targets/610331104', { pct_50k: 50, pct_100k: 20 })).status, 200);
  p = await county.get('/api/v1/collective-income/progress?year=2021&region=610331104');
  assert.equal(p.json.total.target_pct_50k, 50);
  assert.equal(p.json.total.pct_50k, 50);  // 1 of 2 villages of 太白河镇
  assert.equal(p.json.total.met_50k, true);
});

test('东青村 contribution reward: 6 cadres, 6,000 the most and 3,600 the least, within 15% of income', async () => {
  const scores = [100, 90, 80, 75, 70, 60];
  const body = { village_code: DONGQING, year: 2021, people: cadres.map((id, i) => ({ person_id: id, score: scores[i] })) };
  const preview = await county.post('/api/v1/rewards/preview', body);
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.json.income_yuan, 190000);
  assert.equal(preview.json.rate_bp, 1500);
  assert.equal(preview.json.max_pool_yuan, 28500);
  assert.ok(preview.json.pool_yuan <= 0.15 * preview.json.income_yuan);
  const amounts = preview.json.lines.map((l) => l.amount_yuan);
  assert.deepEqual(amounts, [6000, 5400, 4800, 4500, 4200, 3600]);
  assert.equal(Math.max(...amounts), 6000);
  assert.equal(Math.min(...amounts), 3600);
  assert.equal(preview.json.lines.length, 6);
  assert.equal(preview.json.paid_yuan, 28500);
  assert.equal(preview.json.lines[0].post, 'secretary');

  const saved = await county.post('/api/v1/rewards', body);
  assert.equal(saved.status, 201, saved.text);
  assert.deepEqual(saved.json.lines.map((l) => l.amount_yuan), amounts);
  assert.equal((await county.post('/api/v1/rewards', body)).status, 409);
  const list = await county.get('/api/v1/rewards?year=2021');
  assert.equal(list.json.items.length, 1);
  assert.deepEqual(list.json.items[0].lines.map((l) => l.amount_yuan), amounts);
  const xlsx = await fetch(`${server.base}/api/v1/rewards/${saved.json.id}/sheet.xlsx`, { headers: { cookie: county.cookie } });
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  const bytes = Buffer.from(await xlsx.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
});

test('the reward refuses contradictory input with the field named', async () => {
  const people = cadres.map((id, i) => ({ person_id: id, score: [100, 90, 80, 75, 70, 60][i] }));
  const base = { village_code: DONGQING, year: 2021 };
  let r = await county.post('/api/v1/rewards/preview', { ...base, people, pool_yuan: 28501 });
  assert.equal(r.json.error.field, 'pool_yuan');
  assert.match(r.json.error.message, /超过上限 28500/);
  r = await county.post('/api/v1/rewards/preview', { ...base, people, floor_yuan: 5000 });
  assert.equal(r.json.error.field, 'floor_yuan');
  r = await county.post('/api/v1/rewards/preview', { ...base, people, floor_yuan: 4000, cap_yuan: 3000 });
  assert.equal(r.json.error.field, 'cap_yuan');
  r = await county.post('/api/v1/rewards/preview', { ...base, people: people.map((p, i) => ({ ...p, score: i === 5 ? -1 : p.score })) });
  assert.equal(r.json.error.field, 'people[5].score');
  r = await county.post('/api/v1/rewards/preview', { ...base, people: people.map((p) => ({ ...p, score: 0 })) });
  assert.equal(r.json.error.field, 'people');
  r = await county.post('/api/v1/rewards/preview', { ...base, year: 2020, people });
  assert.equal(r.json.error.field, 'year');  // no income recorded for 2020
  // Floor and cap: water-filling keeps everyone within [3,800, 5,500] and pays the whole pool.
  r = await county.post('/api/v1/rewards/preview', { ...base, people, floor_yuan: 3800, cap_yuan: 5500 });
  assert.equal(r.status, 200, r.text);
  const a = r.json.lines.map((l) => l.amount_yuan);
  assert.equal(a.reduce((s, x) => s + x, 0), 28500);
  assert.ok(a.every((x) => x >= 3800 && x <= 5500), a.join(','));
  // The county's rate is capped at 15%.
  r = await county.request('PUT', '/api/v1/economy/rates/610331', { reward_rate_bp: 1600, retired_yuan_per_year_month: 10 });
  assert.equal(r.json.error.field, 'reward_rate_bp');
  r = await county.request('PUT', '/api/v1/economy/rates/610331', { reward_rate_bp: 1000, retired_yuan_per_year_month: 12 });
  assert.equal(r.status, 200, r.text);
  r = await county.post('/api/v1/rewards/preview', { ...base, people });
  assert.equal(r.json.max_pool_yuan, 19000);
  r = await county.get('/api/v1/economy/rates?region=610331');
  assert.equal(r.json.reward_rate_bp, 1000);
});

test('a saved reward that fails on one person writes nothing', async () => {
  const stranger = await county.post('/api/v1/people', { name: '外村人', id_number: idNumber('610331', '19800101', 777),
                                                         region_code: '610331' });
  assert.equal(stranger.status, 201, stranger.text);
  const people = [...cadres.map((id) => ({ person_id: id, score: 1 })), { person_id: stranger.json.id, score: 1 }];
  // Another year's income, then a sheet with a person who is no cadre of the village.
  assert.equal((await county.request('PUT', '/api/v1/collective-income', { village_code: DONGQING, year: 2022,
    items: [{ item: 'operating', amount_yuan: 210000 }] })).status, 200);
  const r = await county.post('/api/v1/rewards', { village_code: DONGQING, year: 2022, people });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'people[6].person_id');
  assert.equal((await county.get('/api/v1/rewards?year=2022')).json.items.length, 0);
});

test('pay sheet: pay by village class and post, 一肩挑 paid once, retired cadres by years served', async () => {
  const old = await county.post('/api/v1/people', { name: '赵德明', id_number: idNumber('610331', '19500606', 321), region_code: DONGQING });
  assert.equal(old.status, 201, old.text);
  let r = await county.post('/api/v1/retired-cadres', { village_code: DONGQING, person_id: old.json.id, years_served: 15, left_on: '2018-01-01' });
  assert.equal(r.status, 201, r.text);
  r = await county.request('PUT', '/api/v1/economy/pay-scales/610331', { items: [
    { income_class: '100k_plus', post: 'secretary', monthly_yuan: 2000 },
    { income_class: '100k_plus', post: 'director', monthly_yuan: 1900 },
    { income_class: '100k_plus', post: 'unknown', monthly_yuan: 1 }] });
  assert.equal(r.json.error.field, 'items[2].post');
  r = await county.request('PUT', '/api/v1/economy/pay-scales/610331', { items: [
    { income_class: '100k_plus', post: 'secretary', monthly_yuan: 2000 },
    { income_class: '100k_plus', post: 'director', monthly_yuan: 1900 }] });
  assert.equal(r.status, 200, r.text);
  const sheet = await county.get(`/api/v1/pay-sheet?year=2021&region=${DONGQING}`);
  assert.equal(sheet.status, 200, sheet.text);
  assert.equal(sheet.json.current, 6);  // the secretary-director counts once
  assert.equal(sheet.json.retired, 1);
  const sec = sheet.json.items.find((x) => x.person_id === cadres[0]);
  assert.equal(sec.post, 'secretary');
  assert.equal(sec.months, 11);  // elected 2021-02-27: February to December
  assert.equal(sec.amount_yuan, 22000);
  const retired = sheet.json.items.find((x) => x.kind === 'retired');
  assert.equal(retired.amount_yuan, 15 * 12 * 12);  // 15 years × 12 yuan (county rate set above) × 12 months
  assert.equal(sheet.json.total_yuan, sheet.json.items.reduce((s, x) => s + x.amount_yuan, 0));
  const xlsx = await fetch(`${server.base}/api/v1/pay-sheet?year=2021&format=xlsx`, { headers: { cookie: county.cookie } });
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
});

test('scope: a township cannot write into another township, nor read it', async () => {
  let r = await town.request('PUT', '/api/v1/collective-income', { village_code: DONGQING, year: 2021, items: [{ item: 'other', amount_yuan: 1 }] });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'village_code');
  r = await town.get('/api/v1/collective-income?year=2021&region=610331104');
  assert.equal(r.status, 404);
  r = await town.get('/api/v1/collective-income?year=2021');
  assert.ok(r.json.items.every((x) => x.village.code.startsWith('610331100')));
  r = await town.request('PUT', '/api/v1/economy/rates/610331100', { reward_rate_bp: 1000, retired_yuan_per_year_month: 10 });
  assert.equal(r.status, 400);  // rates are set per county
});
