// Imports of spreadsheets that LibreOffice Calc writes at test time (libreoffice.mjs), through the
// real server: a two-row merged header above the column names, number, date and text cells as
// Calc types them, full-width and traditional characters, empty, blank and hidden rows, a second
// sheet, a GBK CSV as Calc saves it, an ID number typed as a number (refused for its row and
// column, never guessed), and export → open and save in Calc → import giving identical records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, sql } from '../api/harness.mjs';
import { idNumber } from '../api/id_numbers.mjs';
import { calcWrites, resaveXlsx, COVERED, CSV_GBK, XLSX } from './libreoffice.mjs';

const PASSWORD = 'Import-Pass-2026-ok';
const VILLAGE = '610331100200';
const VILLAGE2 = '610331100201';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['姓名', '身份证号', '性别', '出生日期', '手机号', '是否党员', '文化程度', '工作单位', '所属区划代码'];
const span = (n) => Array(n).fill(COVERED);
// Full-width digits, as typed with a Chinese input method in full-width mode.
const fullWidth = (s) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xFEE0));

// ID numbers (valid check digits); odd sequence numbers are men, even ones women.
const P = {
  zhang: idNumber('610331', '19900307', 101), zhao: idNumber('610331', '19851120', 103),
  hidden: idNumber('610331', '19700101', 105), wang: idNumber('610331', '19880808', 107),
  li: idNumber('610331', '19920105', 102), sheet2a: idNumber('610331', '19660606', 109),
  sheet2b: idNumber('610331', '19770707', 104),
  sun: idNumber('610331', '19850215', 111), zhou: idNumber('610331', '19790101', 113),
  wu: idNumber('610331', '19930630', 106),
};
// An ID typed into a number cell; one ending in X would not be a number at all.
const asNumber = (id) => {
  assert.match(id, /^\d{18}$/);
  return { n: Number(id) };
};
const H = {
  a1: idNumber('610331', '19750505', 121), a2: idNumber('610331', '19780909', 122),
  a3: idNumber('610331', '20100101', 123), b1: idNumber('610331', '19600101', 125),
  c1: idNumber('610331', '19650101', 129),
};

// People, sheet 1: a title merged over all columns, then a header of two rows in which 姓名 and
// 所属区划代码 are merged down over both and the others sit under merged group cells.
const PEOPLE_SHEET = {
  name: '人员信息',
  hidden: [8],
  rows: [
    [{ text: '太白县人员信息登记表', across: 9 }, ...span(8)],
    [{ text: '姓名', down: 2 }, { text: '身份信息', across: 3 }, ...span(2), { text: '联系及其他', across: 4 }, ...span(3),
     { text: '所属区划代码', down: 2 }],
    [COVERED, ...HEADER.slice(1, 8), COVERED],
    // 4: text ID, a date cell in the Chinese long format, the phone typed as a number.
    ['张三', P.zhang, '男', { date: '1990-03-07', format: 'cn' }, { n: 13812345678 }, '是', '高中', '太白县ＡＢＣ合作社', VILLAGE],
    // 5: traditional characters, the ID in full-width digits, the region code typed as a number.
    ['趙六', fullWidth(P.zhao), null, { date: '1985-11-20', format: 'iso' }, null, '否', '大專', '塘口村經濟合作社', { n: Number(VILLAGE) }],
    [],
    [],
    // 8: hidden in Calc: skipped and reported, never imported.
    ['隐藏者', P.hidden, '男', null, null, '否', null, null, VILLAGE],
    // 9: cleared by typing spaces (an ASCII and an ideographic one): blank, skipped like an empty row.
    [' ', '　', null, null, null, null, null, null, null],
    // 10: the ID number typed as a number: Calc keeps 15 significant digits.
    ['王五', asNumber(P.wang), '男', null, null, '否', null, null, VILLAGE],
    ['李梅', P.li, '女', { date: '1992-01-05', format: 'slash' }, null, '否', '初中', null, VILLAGE2],
  ],
};
// People, sheet 2: more rows under a plain header, imported by naming the sheet.
const PEOPLE_SHEET2 = {
  name: '补录',
  rows: [HEADER, ['陈二', P.sheet2a, '男', { date: '1966-06-06', format: 'iso' }, null, '是', null, null, VILLAGE],
         ['刘一', P.sheet2b, '女', null, null, '否', null, null, VILLAGE2]],
};
// The same kind of list saved by Calc as CSV in GBK: a merged title (a plain first line in CSV),
// traditional headers and cells, dates as Calc shows them, an empty row, a number ID.
const PEOPLE_CSV = {
  name: '人员',
  rows: [
    [{ text: '人員登記', across: 9 }, ...span(8)],
    ['姓名', '身份證號', '性別', '出生日期', '手機號', '是否黨員', '文化程度', '工作單位', '所屬區劃代碼'],
    ['孫七', P.sun, '男', { date: '1985-02-15', format: 'cn' }, { n: 13900001111 }, '是', '大專', '縣農業農村局', VILLAGE],
    [],
    ['周八', asNumber(P.zhou), '男', null, null, '否', null, null, VILLAGE],
    ['吳九', fullWidth(P.wu), '女', { date: '1993-06-30', format: 'slash' }, null, '否', null, null, { n: Number(VILLAGE2) }],
  ],
};
// Households on the workbook's second sheet (the first holds notes), a merged two-row header.
const HH_COLUMNS = ['户编号', '所属村代码', '村民小组', '家庭住址', '户类型', '状态日期', '人均纯收入', '收入年度',
                    '姓名', '身份证号', '与户主关系', '手机号', '是否党员', '劳动能力', '健康状况', '在校及文化程度'];
const HOUSEHOLDS = [
  { name: '填表说明', rows: [['每户成员各占一行，同一户填相同的户编号。']] },
  {
    name: '农户及成员',
    hidden: [7],
    rows: [
      [{ text: '太白县农户及成员信息表', across: 16 }, ...span(15)],
      [{ text: '户信息', across: 8 }, ...span(7), { text: '成员信息', across: 8 }, ...span(7)],
      HH_COLUMNS,
      [{ n: 1 }, { n: Number(VILLAGE) }, '一组', '咀头街１号', '一般户', { date: '2024-03-05', format: 'iso' }, { n: 8500.5 }, { n: 2025 },
       '张甲', H.a1, '户主', { n: 13812345678 }, '是', '普通劳动力', '健康', '初中'],
      [{ n: 1 }, { n: Number(VILLAGE) }, '一组', '咀头街１号', '一般户', { date: '2024-03-05', format: 'iso' }, { n: 8500.5 }, { n: 2025 },
       '李乙', H.a2, '配偶', null, '否', '弱劳动力', '長期慢性病', '小學'],
      [],
      [{ n: 1 }, { n: Number(VILLAGE) }, '一组', '咀头街１号', '一般户', null, null, null, '张小', H.a3, '子女', null, '否', null, null, null],
      [{ n: 2 }, VILLAGE2, '三组', '塘口2號', '已脫貧戶', { date: '2023-12-01', format: 'cn' }, null, null,
       '王丙', H.b1, '户主', null, '否', null, null, null],
      [{ n: 3 }, VILLAGE, '二组', null, '一般户', null, null, null, '赵丁', asNumber(H.c1), '户主', null, '否', null, null, null],
    ],
  },
];

let server, org, dir, files;

async function send(method, path, body, contentType = XLSX_TYPE) {
  const headers = { cookie: org.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = org.csrf;
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(server.base + path, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(bytes.toString('utf8')); } catch { /* a file */ }
  return { status: res.status, bytes, json };
}

// The kind's export as CSV, one object per record keyed by the template's Chinese headers.
async function exported(kind, s = server, client = org) {
  const r = await fetch(`${s.base}/api/v1/imports/${kind}/export?format=csv&region=610331`, { headers: { cookie: client.cookie } });
  assert.equal(r.status, 200);
  const text = (await r.text()).replace(/^\uFEFF/, '');
  const [head, ...lines] = text.split('\r\n').filter((l) => l !== '');
  const keys = head.split(',');
  return { text, records: lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v]))) };
}
const byName = (records, name) => records.find((r) => r['姓名'] === name);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zx-lo-'));
  // Two starts of Calc: every workbook to XLSX, then the CSV one in GBK.
  files = calcWrites(dir, { people: [PEOPLE_SHEET, PEOPLE_SHEET2], households: HOUSEHOLDS }, XLSX);
  Object.assign(files, calcWrites(dir, { people_gbk: [PEOPLE_CSV] }, CSV_GBK));
  server = await startServer({
    counties: ['610331'],
    users: [{ username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD }],
  });
  org = new Client(server.base);
  assert.equal((await org.login('taibai_org', PASSWORD)).status, 200);
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('Calc wrote real files: XLSX with merges and two sheets, CSV in GBK', () => {
  for (const name of ['people', 'households']) assert.equal(files[name].subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const csv = files.people_gbk;
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(csv), 'the CSV is not UTF-8');
  const text = new TextDecoder('gbk').decode(csv);
  assert.match(text, /^人員登記,/);
  assert.match(text, /孫七,/);
  assert.match(text, /1985年2月15日/);   // a date cell as Calc shows it
  assert.match(text, /\d\.\d+E\+0?17/);   // the ID typed as a number, as Calc prints it
});

test('people from Calc XLSX: merged header, types, blank and hidden rows; number ID refused by row and column', async () => {
  const p = await send('POST', '/api/v1/imports/people/preview', files.people);
  assert.equal(p.status, 200, p.bytes.toString());
  assert.deepEqual(p.json.hidden_rows, [8]);
  assert.deepEqual(p.json.extra_columns, []);
  assert.equal(p.json.rows, 4, JSON.stringify(p.json));  // 4, 5, 10 and 11; empty, blank and hidden skipped
  assert.equal(p.json.failed, 1);
  assert.equal(p.json.inserted, 3);
  assert.deepEqual(p.json.errors.map((e) => [e.row, e.column]), [[10, '身份证号']]);
  assert.match(p.json.errors[0].reason, /数字/);

  const r = await send('POST', '/api/v1/imports/people?mode=good', files.people);
  assert.equal(r.status, 200, r.bytes.toString());
  assert.deepEqual([r.json.written, r.json.inserted, r.json.failed], [true, 3, 1]);
  const { records } = await exported('people');
  assert.deepEqual(records.map((x) => x['姓名']).sort(), ['张三', '李梅', '赵六'].sort());
  assert.deepEqual(byName(records, '张三'), {
    姓名: '张三', 身份证号: P.zhang, 性别: '男', 出生日期: '1990-03-07', 手机号: '13812345678', 是否党员: '是',
    文化程度: '高中', 工作单位: '太白县ABC合作社', 所属区划代码: VILLAGE });
  assert.deepEqual(byName(records, '赵六'), {
    姓名: '赵六', 身份证号: P.zhao, 性别: '男', 出生日期: '1985-11-20', 手机号: '', 是否党员: '否',
    文化程度: '大专', 工作单位: '塘口村经济合作社', 所属区划代码: VILLAGE });
  assert.equal(byName(records, '李梅')['出生日期'], '1992-01-05');
  assert.equal(byName(records, '李梅')['所属区划代码'], VILLAGE2);
  assert.equal(Number(sql(server, "SELECT COUNT(*) FROM people WHERE name IN ('隐藏者', '王五')").trim()), 0);

  // The second sheet by its name; the first sheet's import did not read it.
  const s2 = await send('POST', '/api/v1/imports/people?mode=all&sheet=' + encodeURIComponent('补录'), files.people);
  assert.equal(s2.status, 200, s2.bytes.toString());
  assert.deepEqual([s2.json.rows, s2.json.inserted, s2.json.failed], [2, 2, 0]);
  const after = (await exported('people')).records;
  assert.equal(byName(after, '陈二')['出生日期'], '1966-06-06');
  assert.equal(byName(after, '刘一')['身份证号'], P.sheet2b);
});

test('people from a GBK CSV saved by Calc: traditional headers and cells, Chinese dates, number ID refused', async () => {
  const p = await send('POST', '/api/v1/imports/people/preview', files.people_gbk, 'text/csv');
  assert.equal(p.status, 200, p.bytes.toString());
  assert.equal(p.json.rows, 3, JSON.stringify(p.json));
  assert.deepEqual(p.json.errors.map((e) => [e.row, e.column]), [[5, '身份证号']]);
  assert.match(p.json.errors[0].reason, /数字/);
  const r = await send('POST', '/api/v1/imports/people?mode=good', files.people_gbk, 'text/csv');
  assert.deepEqual([r.json.inserted, r.json.failed], [2, 1], r.bytes.toString());
  const { records } = await exported('people');
  assert.deepEqual(byName(records, '孙七'), {
    姓名: '孙七', 身份证号: P.sun, 性别: '男', 出生日期: '1985-02-15', 手机号: '13900001111', 是否党员: '是',
    文化程度: '大专', 工作单位: '县农业农村局', 所属区划代码: VILLAGE });
  assert.equal(byName(records, '吴九')['身份证号'], P.wu);
  assert.equal(byName(records, '吴九')['出生日期'], '1993-06-30');
  assert.equal(byName(records, '周八'), undefined);
});

test('households from Calc XLSX on the second sheet: members grouped, typed cells, hidden member skipped', async () => {
  const q = '?sheet=' + encodeURIComponent('农户及成员');
  const p = await send('POST', '/api/v1/imports/households/preview' + q, files.households);
  assert.equal(p.status, 200, p.bytes.toString());
  assert.deepEqual(p.json.hidden_rows, [7]);
  assert.equal(p.json.rows, 4, JSON.stringify(p.json));
  assert.deepEqual(p.json.errors.map((e) => [e.row, e.column]), [[9, '身份证号']]);
  assert.match(p.json.errors[0].reason, /数字/);
  // Without the sheet's name the notes sheet is read, and it has no header.
  const first = await send('POST', '/api/v1/imports/households/preview', files.households);
  assert.equal(first.status, 400);
  assert.match(first.json.error.message, /表头/);

  const r = await send('POST', '/api/v1/imports/households?mode=good' + q.replace('?', '&'), files.households);
  assert.equal(r.status, 200, r.bytes.toString());
  assert.deepEqual([r.json.written, r.json.inserted, r.json.failed], [true, 3, 1]);
  assert.equal(Number(sql(server, 'SELECT COUNT(*) FROM households').trim()), 2);
  assert.equal(Number(sql(server, 'SELECT COUNT(*) FROM household_members').trim()), 3);
  const { records } = await exported('households');
  const zhang = byName(records, '张甲');
  assert.deepEqual([zhang['所属村代码'], zhang['家庭住址'], zhang['户类型'], zhang['状态日期'], zhang['人均纯收入'],
                    zhang['收入年度'], zhang['手机号'], zhang['与户主关系']],
                   [VILLAGE, '咀头街1号', '一般户', '2024-03-05', '8500.5', '2025', '13812345678', '户主']);
  assert.equal(zhang['户编号'], byName(records, '李乙')['户编号']);
  assert.deepEqual([byName(records, '李乙')['健康状况'], byName(records, '李乙')['在校及文化程度']], ['长期慢性病', '小学']);
  const wang = byName(records, '王丙');
  assert.deepEqual([wang['所属村代码'], wang['家庭住址'], wang['户类型'], wang['状态日期']],
                   [VILLAGE2, '塘口2号', '已脱贫户', '2023-12-01']);
  assert.equal(byName(records, '张小'), undefined);
  assert.equal(byName(records, '赵丁'), undefined);
});

test('export → open and save in Calc → import: identical records, here and in a fresh database', async () => {
  const before = { people: await exported('people'), households: await exported('households') };
  const x = {};
  for (const kind of ['people', 'households']) {
    const e = await send('GET', `/api/v1/imports/${kind}/export?region=610331`);
    assert.equal(e.status, 200);
    x[kind] = e.bytes;
  }
  const resaved = resaveXlsx(dir, x);  // one start of Calc for both
  for (const kind of ['people', 'households']) {
    assert.notDeepEqual(resaved[kind], x[kind], 'Calc wrote its own file');
    const back = await send('POST', `/api/v1/imports/${kind}?mode=all`, resaved[kind]);
    assert.equal(back.status, 200, back.bytes.toString());
    assert.deepEqual([back.json.failed, back.json.inserted, back.json.updated, back.json.unchanged],
                     [0, 0, 0, before[kind].records.length], `${kind}: ${back.bytes}`);
    assert.equal((await exported(kind)).text, before[kind].text);
  }

  // A fresh installation (another key, other ids) gets the same records from Calc's files.
  const fresh = await startServer({
    counties: ['610331'],
    users: [{ username: 'taibai_org', scope: '610331', roles: 'org_admin', password: PASSWORD }],
  });
  try {
    const c = new Client(fresh.base);
    assert.equal((await c.login('taibai_org', PASSWORD)).status, 200);
    for (const kind of ['people', 'households']) {
      const res = await fetch(`${fresh.base}/api/v1/imports/${kind}?mode=all`, {
        method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': XLSX_TYPE }, body: resaved[kind] });
      const json = await res.json();
      assert.equal(res.status, 200, JSON.stringify(json));
      assert.equal(json.failed, 0, JSON.stringify(json));
    }
    for (const kind of ['people', 'households']) assert.equal((await exported(kind, fresh, c)).text, before[kind].text);
  } finally {
    await fresh.stop();
  }
});
