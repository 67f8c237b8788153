// Tasks handed down the tree (任务交办): county → township → village and back up, with one village
// late (escalated once, however often the job runs) and one township passing the task down; bad
// input refused naming the field, and nothing half-written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, zx } from './harness.mjs';

const PASSWORD = 'Tasks-Pass-2026-ok';
const at = (iso) => Math.floor(Date.parse(iso) / 1000);
const offsetTo = (iso) => String(at(iso) - Math.floor(Date.now() / 1000));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
let server;
const c = {};

const users = [
  ['county', 'taibai_org', '610331', 'org_admin', '太白县委组织部'],
  ['zuitou', 'zuitou_town', '610331100', 'township_admin', '咀头镇党委'],
  ['taochuan', 'taochuan_town', '610331101', 'township_admin', '桃川镇党委'],
  ['villageA', 'zuitoujie_fs', '610331100200', 'first_secretary', '咀头街村第一书记'],
  ['villageB', 'tangkou_sec', '610331100201', 'village_secretary', '塘口村党支部书记'],
  ['leader', 'county_leader', '610331', 'leader', '县领导'],
];

before(async () => {
  server = await startServer({
    counties: ['610331'],
    serveArgs: ['--clock-offset-seconds', offsetTo('2026-11-20T10:00:00+08:00')],
    users: users.map(([, username, scope, roles, display_name]) => ({ username, scope, roles, display_name, password: PASSWORD })),
  });
  await adminClient(server.base);
  for (const [key, username] of users) {
    c[key] = new Client(server.base);
    assert.equal((await c[key].login(username, PASSWORD)).status, 200);
  }
});
after(async () => { await server?.stop(); });

const FORM = [
  { name: 'meetings', label: '召开专题会议次数', type: 'number', required: true },
  { name: 'held_on', label: '会议日期', type: 'date' },
  { name: 'compliance', label: '驻村在岗率', type: 'number', indicator: 'presence.compliance_rate' },
];
const task = (over = {}) => ({
  title: '报送本月党建促乡村振兴推进情况', content: '请召开专题会议并报送会议记录', deadline: '2026-11-30',
  evidence_required: '会议记录扫描件', form: FORM, receivers: ['610331100', '610331101'], ...over,
});
const mine = async (client) => (await client.get('/api/v1/tasks?mine=1')).json.items;

test('bad input is refused naming the field, and nothing is half-written', async () => {
  const before = (await mine(c.county)).length;
  const past = await c.county.post('/api/v1/tasks', task({ deadline: '2026-11-19' }));
  assert.equal(past.status, 400);
  assert.equal(past.json.error.field, 'deadline');
  const outside = await c.county.post('/api/v1/tasks', task({
    receivers: ['610331100', '610331101', '610331102', '420323100', { region_code: '610331103' }],
  }));
  assert.equal(outside.status, 400);
  assert.equal(outside.json.error.field, 'receivers[3].region_code');
  assert.match(outside.json.error.message, /不在下发单位的管辖范围内/);
  const self = await c.county.post('/api/v1/tasks', task({ receivers: ['610331'] }));
  assert.equal(self.json.error.field, 'receivers[0].region_code');
  const form = await c.county.post('/api/v1/tasks', task({ form: [{ name: 'x', type: 'money' }] }));
  assert.equal(form.json.error.field, 'form[0].type');
  const unknown = await c.county.post('/api/v1/tasks', task({ colour: 'red' }));
  assert.equal(unknown.json.error.field, 'colour');
  const noReceivers = await c.county.post('/api/v1/tasks', task({ receivers: [] }));
  assert.equal(noReceivers.json.error.field, 'receivers');
  assert.equal((await mine(c.county)).length, before, 'no task was created by any refused request');
  // Villages cannot issue; the township cannot issue above or beside itself.
  assert.equal((await c.villageB.post('/api/v1/tasks', task())).status, 403);
  const sideways = await c.zuitou.post('/api/v1/tasks', task({ receivers: ['610331101200'] }));
  assert.equal(sideways.json.error.field, 'receivers[0].region_code');
});

test('a task goes county → township → village and back up; one village late, escalated once', async () => {
  const issued = await c.county.post('/api/v1/tasks', task());
  assert.equal(issued.status, 201, issued.text);
  const taskId = issued.json.id;
  assert.equal(issued.json.summary.total, 2);
  assert.equal(issued.json.form[2].indicator, 'presence.compliance_rate');

  // The townships find it in their lists.
  const zuitouItems = (await c.zuitou.get('/api/v1/task-receivers')).json.items;
  const zr = zuitouItems.find((r) => r.task_id === taskId);
  assert.ok(zr, 'township Zuitou received the task');
  const tr = (await c.taochuan.get('/api/v1/task-receivers')).json.items.find((r) => r.task_id === taskId);
  assert.ok(tr);
  // A village does not see the county's task itself, only what reaches it.
  assert.equal((await c.villageA.get(`/api/v1/tasks/${taskId}`)).status, 404);

  // Zuitou passes it down to two villages, with an earlier deadline.
  const late = await c.zuitou.post(`/api/v1/task-receivers/${zr.id}/pass-down`, { deadline: '2026-12-01', receivers: ['610331100200'] });
  assert.equal(late.json.error.field, 'deadline', 'not later than the county deadline');
  const down = await c.zuitou.post(`/api/v1/task-receivers/${zr.id}/pass-down`, {
    deadline: '2026-11-22', receivers: ['610331100200', '610331100201'], content: '各村于22日前报送',
  });
  assert.equal(down.status, 201, down.text);
  assert.equal(down.json.parent_receiver_id, zr.id);
  assert.equal(down.json.form.length, 3, 'the form goes down with the task');
  const outOfSubtree = await c.zuitou.post(`/api/v1/task-receivers/${zr.id}/pass-down`, { deadline: '2026-11-22', receivers: ['610331101200'] });
  assert.equal(outOfSubtree.json.error.field, 'receivers[0].region_code');

  // Village A: report (answers checked against the form), evidence, close.
  const va = (await c.villageA.get('/api/v1/task-receivers')).json.items.find((r) => r.task_id === down.json.id);
  assert.ok(va);
  const vb = (await c.villageB.get('/api/v1/task-receivers')).json.items.find((r) => r.task_id === down.json.id);
  assert.ok(vb);
  const wrongType = await c.villageA.post(`/api/v1/task-receivers/${va.id}/reports`, { text: '已开会', answers: { meetings: '两次' } });
  assert.equal(wrongType.json.error.field, 'answers.meetings');
  const linked = await c.villageA.post(`/api/v1/task-receivers/${va.id}/reports`, { text: 'x', answers: { compliance: 0.9 } });
  assert.equal(linked.json.error.field, 'answers.compliance', 'the platform already has that number');
  const noSuch = await c.villageA.post(`/api/v1/task-receivers/${va.id}/reports`, { text: 'x', answers: { visitors: 1 } });
  assert.equal(noSuch.json.error.field, 'answers.visitors');
  assert.equal((await c.villageA.post(`/api/v1/task-receivers/${va.id}/reports`, { text: '筹备会议', answers: { held_on: '2026-11-20' } })).status, 201);
  const noEvidence = await c.villageA.post(`/api/v1/task-receivers/${va.id}/close`, { note: '完成' });
  assert.equal(noEvidence.json.error.field, 'attachments');
  assert.equal((await c.villageA.post(`/api/v1/task-receivers/${va.id}/attachments`, { file_name: '会议记录.pdf', content_base64: PDF })).status, 201);
  const noAnswer = await c.villageA.post(`/api/v1/task-receivers/${va.id}/close`, { note: '完成' });
  assert.equal(noAnswer.json.error.field, 'answers.meetings', 'a required answer is missing');
  assert.equal((await c.villageA.post(`/api/v1/task-receivers/${va.id}/reports`, { text: '已召开', answers: { meetings: 2 } })).status, 201);
  const closedA = await c.villageA.post(`/api/v1/task-receivers/${va.id}/close`, { note: '已召开两次专题会议' });
  assert.equal(closedA.status, 200, closedA.text);
  assert.equal((await c.villageA.post(`/api/v1/task-receivers/${va.id}/reports`, { text: 'again' })).status, 409);

  // Only the receiving unit acts on its task; others in scope may look.
  assert.equal((await c.county.post(`/api/v1/task-receivers/${vb.id}/reports`, { text: '代报' })).status, 403);
  assert.equal((await c.villageA.get(`/api/v1/task-receivers/${vb.id}`)).status, 404);
  assert.equal((await c.zuitou.get(`/api/v1/task-receivers/${vb.id}`)).status, 200);

  // Taochuan closes directly.
  await c.taochuan.post(`/api/v1/task-receivers/${tr.id}/reports`, { text: '已开会', answers: { meetings: 1 } });
  await c.taochuan.post(`/api/v1/task-receivers/${tr.id}/attachments`, { file_name: '照片.png', content_base64: PNG });
  assert.equal((await c.taochuan.post(`/api/v1/task-receivers/${tr.id}/close`, { note: '完成' })).status, 200);

  // Two days later (24 November) village B is late. The job escalates it once, however often it runs.
  await server.restart(() => {}, ['--clock-offset-seconds', offsetTo('2026-11-24T10:00:00+08:00')]);
  for (const [key, username] of users) {
    c[key] = new Client(server.base);
    assert.equal((await c[key].login(username, PASSWORD)).status, 200);
  }
  const first = await c.county.post('/api/v1/task-jobs/run', {});
  assert.equal(first.status, 200, first.text);
  const second = await c.county.post('/api/v1/task-jobs/run', {});
  assert.equal(second.json.escalated, 0, 'never escalated twice');
  assert.match(zx(['tasks', 'run-jobs', '--db', server.db, '--clock-offset-seconds', offsetTo('2026-11-24T10:00:00+08:00')]),
               /escalated 0/);
  const progress = await c.county.get(`/api/v1/tasks/${taskId}`);
  assert.equal(progress.json.summary.total, 4, 'passed-down receivers count too');
  assert.equal(progress.json.summary.done, 2);
  assert.equal(progress.json.summary.overdue, 1);
  const rowB = progress.json.receivers.find((r) => r.id === vb.id);
  assert.equal(rowB.overdue, true);
  assert.equal(rowB.escalated, true);
  assert.equal(rowB.depth, 2);
  assert.equal(rowB.parent_receiver_id, zr.id);
  const notes = (await c.zuitou.get('/api/v1/notifications')).json.items.filter((n) => n.kind === 'task_overdue');
  assert.equal(notes.length, 1, 'the issuer of the passed-down task hears of it once');
  assert.match(notes[0].message, /塘口/);

  // Zuitou cannot close before its villages have; then village B catches up and all close.
  await c.zuitou.post(`/api/v1/task-receivers/${zr.id}/reports`, { text: '汇总中', answers: { meetings: 3 } });
  await c.zuitou.post(`/api/v1/task-receivers/${zr.id}/attachments`, { file_name: '汇总.pdf', content_base64: PDF });
  const early = await c.zuitou.post(`/api/v1/task-receivers/${zr.id}/close`, { note: '完成' });
  assert.equal(early.json.error.field, 'passed_down_tasks');
  await c.villageB.post(`/api/v1/task-receivers/${vb.id}/reports`, { text: '补报', answers: { meetings: 1 } });
  await c.villageB.post(`/api/v1/task-receivers/${vb.id}/attachments`, { file_name: '记录.pdf', content_base64: PDF });
  assert.equal((await c.villageB.post(`/api/v1/task-receivers/${vb.id}/close`, { note: '逾期补报' })).status, 200);
  assert.equal((await c.zuitou.post(`/api/v1/task-receivers/${zr.id}/close`, { note: '全镇完成' })).status, 200);
  const done = await c.county.get(`/api/v1/tasks/${taskId}`);
  assert.deepEqual(done.json.summary, { total: 4, done: 4, in_progress: 0, pending: 0, overdue: 0 });
  assert.equal((await c.county.post('/api/v1/task-jobs/run', {})).json.escalated, 0);
  const list = (await mine(c.county)).find((t) => t.id === taskId);
  assert.equal(list.summary.done, 4);
  // The leader reads; the receiver's page shows what was passed down.
  assert.equal((await c.leader.get(`/api/v1/tasks/${taskId}`)).status, 200);
  const zview = await c.zuitou.get(`/api/v1/task-receivers/${zr.id}`);
  assert.equal(zview.json.passed_down_tasks[0].summary.done, 2);
  // Evidence comes back byte for byte.
  const fileId = zview.json.attachments[0].id;
  const res = await fetch(`${server.base}/api/v1/attachments/${fileId}`, { headers: { cookie: c.county.cookie } });
  assert.equal(res.status, 200);
  assert.equal(Buffer.from(await res.arrayBuffer()).toString('base64'), PDF);
  assert.equal((await c.villageA.get(`/api/v1/attachments/${fileId}`)).status, 404, 'not in the village scope');
});

test('evidence too large or of a forbidden type is refused naming the field', async () => {
  const t = await c.county.post('/api/v1/tasks', task({ title: '佐证测试', receivers: ['610331101'], deadline: '2026-12-20' }));
  assert.equal(t.status, 201, t.text);
  const rid = t.json.receivers[0].id;
  const town = c.taochuan;
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
  big.write('%PDF-1.4');
  const tooLarge = await town.post(`/api/v1/task-receivers/${rid}/attachments`, { file_name: 'big.pdf', content_base64: big.toString('base64') });
  assert.equal(tooLarge.status, 400, tooLarge.text);
  assert.equal(tooLarge.json.error.field, 'content_base64');
  assert.match(tooLarge.json.error.message, /5 MiB/);
  const exe = await town.post(`/api/v1/task-receivers/${rid}/attachments`, { file_name: 'tool.exe', content_base64: Buffer.from('MZ..').toString('base64') });
  assert.equal(exe.json.error.field, 'file_name');
  const disguised = await town.post(`/api/v1/task-receivers/${rid}/attachments`, { file_name: 'report.pdf', content_base64: Buffer.from('MZ..').toString('base64') });
  assert.equal(disguised.json.error.field, 'content_base64');
  assert.match(disguised.json.error.message, /不符/);
  const ok = await town.post(`/api/v1/task-receivers/${rid}/attachments`, { file_name: '报告.pdf', content_base64: PDF });
  assert.equal(ok.status, 201);
  assert.equal(ok.json.size_bytes, Buffer.from(PDF, 'base64').length);
});

test('a weekly cycle opens the week before on Monday, once', async () => {
  const cy = await c.county.post('/api/v1/task-cycles', {
    frequency: 'weekly', title: '县级领导走访周报', content: '报送上周走访情况', due_days: 3,
    receivers: ['610331100', '610331101'], starts_on: '2026-11-01',
  });
  assert.equal(cy.status, 201, cy.text);
  const bad = await c.county.post('/api/v1/task-cycles', { frequency: 'daily', title: 'x', content: 'x', due_days: 1, receivers: ['610331100'] });
  assert.equal(bad.json.error.field, 'frequency');
  const r1 = await c.county.post('/api/v1/task-jobs/run', {});
  const r2 = await c.county.post('/api/v1/task-jobs/run', {});
  assert.equal(r2.json.opened, 0);
  const cycles = (await c.county.get('/api/v1/task-cycles')).json.items;
  const mineCycle = cycles.find((x) => x.id === cy.json.id);
  assert.equal(mineCycle.periods_opened, 1, `opened by the timer or the first run (${r1.json.opened})`);
  assert.equal(mineCycle.last_period, '2026-W47');
  const opened = (await mine(c.county)).filter((t) => t.period === '2026-W47');
  assert.equal(opened.length, 1);
  assert.match(opened[0].title, /2026年第47周/);
});
