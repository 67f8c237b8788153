// Supervision (督查): groups, plans, open and unannounced inspections, findings with follow-up,
// evidence and sign-off by the inspection side only; a finding never closes without evidence AND
// sign-off; repeat findings counted; interviews (约谈) of laggards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client } from './harness.mjs';

const PASSWORD = 'Supervise-Pass-2026';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
let server, groupId, otherGroupId;
const c = {};
const ids = {};

const users = [
  ['county', 'taibai_org', '610331', 'org_admin'],
  ['inspector', 'inspector_wang', '610331', 'inspector'],
  ['outsider', 'inspector_li', '610331', 'inspector'],
  ['town', 'zuitou_town', '610331100', 'township_admin'],
  ['leader', 'county_leader', '610331', 'leader'],
  ['village', 'tangkou_sec', '610331100201', 'village_secretary'],
];

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', String(at('2026-11-20T10:00:00+08:00') - Math.floor(Date.now() / 1000))],
    users: users.map(([, username, scope, roles]) => ({ username, scope, roles, password: PASSWORD })),
  });
  await adminClient(server.base);
  for (const [key, username] of users) {
    c[key] = new Client(server.base);
    assert.equal((await c[key].login(username, PASSWORD)).status, 200);
  }
  const list = (await c.county.get('/api/v1/users?limit=100')).json.items;
  for (const u of list) ids[u.username] = u.id;
  assert.ok(ids.inspector_wang);
});
after(async () => { await server?.stop(); });

test('groups and plans: members are people or accounts, targets inside the group\'s range', async () => {
  const g = await c.county.post('/api/v1/inspection-groups', {
    name: '第一督查组', year: 2026,
    members: [{ name: '王督查', role: 'leader', user_id: ids.inspector_wang, work_unit: '县纪委监委' }, { name: '赵干事', work_unit: '县委组织部' }],
  });
  assert.equal(g.status, 201, g.text);
  groupId = g.json.id;
  const g2 = await c.county.post('/api/v1/inspection-groups', { name: '第二督查组', year: 2026, members: [{ name: '李督查', user_id: ids.inspector_li }] });
  otherGroupId = g2.json.id;
  const dup = await c.county.post('/api/v1/inspection-groups', { name: '第一督查组', year: 2026, members: [{ name: 'x' }] });
  assert.equal(dup.status, 409);
  const empty = await c.county.post('/api/v1/inspection-groups', { name: '第三督查组', year: 2026, members: [] });
  assert.equal(empty.json.error.field, 'members');
  const badRole = await c.county.post('/api/v1/inspection-groups', { name: '第三督查组', year: 2026, members: [{ name: 'x', role: 'boss' }] });
  assert.equal(badRole.json.error.field, 'members[0].role');
  assert.equal((await c.town.post('/api/v1/inspection-groups', { name: 'x', year: 2026, members: [{ name: 'x' }] })).status, 403);

  const plan = await c.county.post('/api/v1/inspection-plans', {
    group_id: groupId, title: '第四季度督查', period_start: '2026-10-01', period_end: '2026-12-31', targets: ['610331100', '610331101'],
  });
  assert.equal(plan.status, 201, plan.text);
  const outside = await c.county.post('/api/v1/inspection-plans', {
    group_id: groupId, title: 'x', period_start: '2026-10-01', period_end: '2026-12-31', targets: ['420323100'],
  });
  assert.equal(outside.json.error.field, 'targets[0]');
  const groups = (await c.leader.get('/api/v1/inspection-groups')).json.items;
  assert.equal(groups.find((x) => x.id === groupId).members.length, 2);
  assert.equal((await c.inspector.get('/api/v1/inspection-plans')).json.items.length, 1);
});

test('a finding closes only with evidence AND the inspection side\'s sign-off', async () => {
  const insp = await c.inspector.post('/api/v1/inspections', { group_id: groupId, region_code: '610331100', kind: 'unannounced', day: '2026-11-18', notes: '暗访咀头镇' });
  assert.equal(insp.status, 201, insp.text);
  const badKind = await c.inspector.post('/api/v1/inspections', { group_id: groupId, region_code: '610331100', kind: 'secret', day: '2026-11-18' });
  assert.equal(badKind.json.error.field, 'kind');
  const future = await c.inspector.post('/api/v1/inspections', { group_id: groupId, region_code: '610331100', kind: 'open', day: '2026-11-21' });
  assert.equal(future.json.error.field, 'day');

  const f = await c.inspector.post('/api/v1/findings', {
    inspection_id: insp.json.id, category: '驻村干部不在岗', severity: 'major', description: '塘口村第一书记连续三天不在村',
    deadline: '2026-12-10', region_code: '610331100201', owner_unit: '咀头镇党委',
  });
  assert.equal(f.status, 201, f.text);
  assert.equal(f.json.repeat_count, 0);
  const id = f.json.id;
  const pastDeadline = await c.inspector.post('/api/v1/findings', { inspection_id: insp.json.id, category: 'x', severity: 'minor', description: 'x', deadline: '2026-11-01' });
  assert.equal(pastDeadline.json.error.field, 'deadline');
  const badSeverity = await c.inspector.post('/api/v1/findings', { inspection_id: insp.json.id, category: 'x', severity: 'huge', description: 'x', deadline: '2026-12-01' });
  assert.equal(badSeverity.json.error.field, 'severity');

  // Nothing to close yet: no evidence, no sign-off.
  const close0 = await c.inspector.post(`/api/v1/findings/${id}/close`, { note: '销号' });
  assert.equal(close0.status, 400);
  assert.equal(close0.json.error.field, 'attachments');
  const sign0 = await c.inspector.post(`/api/v1/findings/${id}/sign-off`, { signer: '王督查' });
  assert.equal(sign0.json.error.field, 'attachments', 'no sign-off without evidence');

  // The owner reports and uploads evidence.
  assert.equal((await c.town.post(`/api/v1/findings/${id}/followups`, { text: '已约谈第一书记，建立在岗台账' })).status, 201);
  const bad = await c.town.post(`/api/v1/findings/${id}/attachments`, { file_name: 'x.zip', content_base64: PDF });
  assert.equal(bad.json.error.field, 'file_name');
  assert.equal((await c.village.post(`/api/v1/findings/${id}/attachments`, { file_name: '整改报告.pdf', content_base64: PDF })).status, 201);

  // Evidence but no sign-off: still not closed.
  const close1 = await c.inspector.post(`/api/v1/findings/${id}/close`, { note: '销号' });
  assert.equal(close1.status, 400);
  assert.equal(close1.json.error.field, 'sign_off');
  // The rectifying side cannot sign; nor can an inspector of another group.
  assert.equal((await c.town.post(`/api/v1/findings/${id}/sign-off`, { signer: '镇党委书记' })).status, 403);
  assert.equal((await c.outsider.post(`/api/v1/findings/${id}/sign-off`, { signer: '李督查' })).status, 403);
  assert.equal((await c.town.post(`/api/v1/findings/${id}/close`, { note: 'x' })).status, 403);
  const sign = await c.inspector.post(`/api/v1/findings/${id}/sign-off`, { signer: '王督查', note: '整改到位' });
  assert.equal(sign.status, 200, sign.text);
  const closed = await c.inspector.post(`/api/v1/findings/${id}/close`, { note: '销号' });
  assert.equal(closed.status, 200, closed.text);
  const view = await c.leader.get(`/api/v1/findings/${id}`);
  assert.equal(view.json.status, 'closed');
  assert.equal(view.json.signed_off_by, '王督查');
  assert.equal(view.json.followups.length, 1);
  assert.equal(view.json.attachments.length, 1);
  assert.equal((await c.inspector.post(`/api/v1/findings/${id}/close`, { note: 'again' })).status, 409);

  // The same category in the same village within a year is a repeat.
  const insp2 = await c.county.post('/api/v1/inspections', { group_id: otherGroupId, region_code: '610331100201', kind: 'open', day: '2026-11-19' });
  const again = await c.county.post('/api/v1/findings', { inspection_id: insp2.json.id, category: '驻村干部不在岗', severity: 'serious', description: '再次发现', deadline: '2026-12-20' });
  assert.equal(again.json.repeat_count, 1);
  const repeats = (await c.county.get('/api/v1/findings?repeat=1')).json.items;
  assert.deepEqual(repeats.map((x) => x.id), [again.json.id]);
  // Outside scope: the village sees nothing of Taochuan; supervision is not the village's to read.
  assert.equal((await c.village.get(`/api/v1/findings/${id}`)).status, 403);
});

test('interviews (约谈) of laggards are recorded', async () => {
  const r = await c.county.post('/api/v1/interviews', {
    region_code: '610331100', interviewer: '县委组织部部长', interviewee: '咀头镇党委书记', day: '2026-11-19',
    reason: '月度任务连续逾期，考核排名落后', result: '限期一个月整改',
  });
  assert.equal(r.status, 201, r.text);
  const outside = await c.county.post('/api/v1/interviews', { region_code: '420323100', interviewer: 'x', interviewee: 'y', day: '2026-11-19', reason: 'z' });
  assert.equal(outside.json.error.field, 'region_code');
  const list = (await c.leader.get('/api/v1/interviews')).json.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].interviewee, '咀头镇党委书记');
});

test('responsibility lists (责任清单): signed by both sides, progress, then the year-end rating', async () => {
  const l = await c.county.post('/api/v1/responsibility-lists', {
    region_code: '610331100', year: 2026, secretary_name: '咀头镇党委书记', superior_name: '县委书记',
    items: ['抓党建促乡村振兴第一责任人', '每季度研究驻村工作不少于一次'],
  });
  assert.equal(l.status, 201, l.text);
  assert.equal(l.json.level, 'township');
  const dup = await c.county.post('/api/v1/responsibility-lists', { region_code: '610331100', year: 2026, secretary_name: 'x', items: ['x'] });
  assert.equal(dup.status, 409);
  const outside = await c.county.post('/api/v1/responsibility-lists', { region_code: '420323100', year: 2026, secretary_name: 'x', items: ['x'] });
  assert.equal(outside.json.error.field, 'region_code');
  const id = l.json.id;
  const early = await c.county.post(`/api/v1/responsibility-lists/${id}/year-end`, { report: '述职', rating: 'good', day: '2026-11-20' });
  assert.equal(early.json.error.field, 'signatures', 'no rating before both sides signed');
  assert.equal((await c.county.post(`/api/v1/responsibility-lists/${id}/sign`, { side: 'secretary', name: '咀头镇党委书记', day: '2026-01-10' })).status, 200);
  assert.equal((await c.county.post(`/api/v1/responsibility-lists/${id}/sign`, { side: 'secretary', name: 'x', day: '2026-01-11' })).status, 409);
  assert.equal((await c.county.post(`/api/v1/responsibility-lists/${id}/sign`, { side: 'boss', name: 'x', day: '2026-01-11' })).json.error.field, 'side');
  assert.equal((await c.county.post(`/api/v1/responsibility-lists/${id}/sign`, { side: 'superior', name: '县委书记', day: '2026-01-10' })).status, 200);
  const item = l.json.items[0].id;
  const note = await c.town.post(`/api/v1/responsibility-lists/${id}/progress`, { item_id: item, note: '已召开专题会议 4 次' });
  assert.equal(note.status, 200, note.text);
  const badRating = await c.county.post(`/api/v1/responsibility-lists/${id}/year-end`, { report: '述职', rating: 'excellent', day: '2026-11-20' });
  assert.equal(badRating.json.error.field, 'rating');
  assert.equal((await c.town.post(`/api/v1/responsibility-lists/${id}/year-end`, { report: '述职', rating: 'good', day: '2026-11-20' })).status, 403);
  const rated = await c.county.post(`/api/v1/responsibility-lists/${id}/year-end`, { report: '全年工作述职报告', rating: 'fairly_good', day: '2026-11-20' });
  assert.equal(rated.status, 200, rated.text);
  const list = (await c.leader.get('/api/v1/responsibility-lists?year=2026')).json.items;
  const kept = list.find((x) => x.id === id);
  assert.equal(kept.rating, 'fairly_good');
  assert.equal(kept.secretary_signed_on, '2026-01-10');
  assert.equal(kept.items[0].progress_note, '已召开专题会议 4 次');
});

test('command structure: county command, thematic group, township post, leaders\' areas', async () => {
  const cmd = await c.county.post('/api/v1/command-units', {
    region_code: '610331', kind: 'county_command', name: '太白县脱贫攻坚指挥部',
    members: [{ name: '县委书记', role: 'leader', title: '指挥长' }, { name: '县长', role: 'deputy' }],
  });
  assert.equal(cmd.status, 201, cmd.text);
  const group = await c.county.post('/api/v1/command-units', { region_code: '610331', kind: 'thematic_group', name: '产业扶贫组', theme: 'industry', parent_id: cmd.json.id });
  assert.equal(group.status, 201, group.text);
  const wrongLevel = await c.county.post('/api/v1/command-units', { region_code: '610331100', kind: 'county_command', name: 'x' });
  assert.equal(wrongLevel.json.error.field, 'kind');
  const post = await c.county.post('/api/v1/command-units', { region_code: '610331100', kind: 'township_post', name: '咀头镇片区指挥部', parent_id: cmd.json.id });
  assert.equal(post.status, 201, post.text);
  const units = (await c.leader.get('/api/v1/command-units')).json.items;
  assert.equal(units.length, 3);
  assert.equal(units.find((u) => u.kind === 'county_command').members[0].role, 'leader');
  const area = await c.county.post('/api/v1/leader-areas', { leader_name: '张副县长', title: '副县长', regions: ['610331100', '610331101'] });
  assert.equal(area.status, 201, area.text);
  const badArea = await c.county.post('/api/v1/leader-areas', { leader_name: '李', regions: ['420323100'] });
  assert.equal(badArea.json.error.field, 'regions[0]');
  const areas = (await c.leader.get('/api/v1/leader-areas')).json.items;
  assert.deepEqual(areas[0].regions.map((r) => r.code), ['610331100000', '610331101000']);
});
