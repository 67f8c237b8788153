// The region endpoints over real HTTP: counts, chain, children paging, search, errors, scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client } from './harness.mjs';

let server, admin, county;
const COUNTY_PASSWORD = 'Taibai-Org-Pass-2026';

before(async () => {
  server = await startServer({
    users: [{ username: 'taibai_org', scope: '610331', roles: 'org_admin', password: COUNTY_PASSWORD }],
  });
  admin = await adminClient(server.base);
  county = new Client(server.base);
  assert.equal((await county.login('taibai_org', COUNTY_PASSWORD)).status, 200);
});
after(async () => { await server?.stop(); });

test('Taibai county has 7 townships and 46 villages, with its parent chain', async () => {
  const r = await admin.get('/api/v1/regions/610331');
  assert.equal(r.status, 200);
  assert.equal(r.json.code, '610331000000');
  assert.equal(r.json.name, '太白县');
  assert.equal(r.json.level, 'county');
  assert.equal(r.json.counts.township, 7);
  assert.equal(r.json.counts.village, 46);
  assert.equal(r.json.child_count, 7);
  assert.deepEqual(r.json.chain.map((c) => c.name), ['全国', '陕西省', '宝鸡市']);
});

test('the long and short forms of a code answer the same region', async () => {
  const a = await admin.get('/api/v1/regions/610331000000');
  const b = await admin.get('/api/v1/regions/610331');
  assert.deepEqual(a.json, b.json);
});

test('the country counts every imported county', async () => {
  const r = await admin.get('/api/v1/regions/000000000000');
  assert.equal(r.status, 200);
  assert.equal(r.json.counts.county, 2);
  assert.equal(r.json.counts.village, 46 + 244);  // Taibai + Zhushan
});

test('children are paged and the pages add up', async () => {
  const first = await admin.get('/api/v1/regions/610331/children?page=1&page_size=4');
  const second = await admin.get('/api/v1/regions/610331/children?page=2&page_size=4');
  assert.equal(first.status, 200);
  assert.equal(first.json.total, 7);
  assert.equal(first.json.items.length, 4);
  assert.equal(second.json.items.length, 3);
  const codes = [...first.json.items, ...second.json.items].map((i) => i.code);
  assert.equal(new Set(codes).size, 7);
  assert.deepEqual(codes, [...codes].sort());
  const villages = [...first.json.items, ...second.json.items].reduce((n, i) => n + i.counts.village, 0);
  assert.equal(villages, 46);
});

test('search by pinyin initials, simplified and traditional names', async () => {
  const tbx = await admin.get('/api/v1/regions?q=tbx');
  assert.equal(tbx.status, 200);
  assert.equal(tbx.json.items[0].name, '太白县');
  assert.equal(tbx.json.items[0].path, '陕西省 / 宝鸡市 / 太白县');
  const trad = await admin.get('/api/v1/regions?q=' + encodeURIComponent('太白縣'));
  assert.equal(trad.json.items[0].code, '610331000000');
  const zs = await admin.get('/api/v1/regions?q=zsx');
  assert.equal(zs.json.items[0].name, '竹山县');
  const village = await admin.get('/api/v1/regions?q=' + encodeURIComponent('七里川'));
  assert.ok(village.json.items.some((i) => i.name.startsWith('七里川')), JSON.stringify(village.json));
});

test('search stays inside the caller scope', async () => {
  const r = await county.get('/api/v1/regions?q=zsx');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.every((i) => i.code.startsWith('610331')), JSON.stringify(r.json));
  const own = await county.get('/api/v1/regions?q=tbx');
  assert.equal(own.json.items[0].name, '太白县');
});

test('a region outside the caller scope answers 404, like one that does not exist', async () => {
  const outside = await county.get('/api/v1/regions/420323');
  const missing = await admin.get('/api/v1/regions/610399');
  assert.equal(outside.status, 404);
  assert.equal(missing.status, 404);
  assert.equal(outside.json.error.code, 'not_found');
  assert.equal(missing.json.error.code, 'not_found');
  assert.equal((await county.get('/api/v1/regions/420323/children')).status, 404);
  assert.equal((await county.get('/api/v1/regions/61')).status, 404);  // the province is above the scope
});

test('bad input gets 400 naming the field', async () => {
  for (const [path, field] of [
    ['/api/v1/regions/61x331', 'code'],
    ['/api/v1/regions/6103311', 'code'],
    ['/api/v1/regions/610331000200', 'code'],
    ['/api/v1/regions/610331/children?page_size=0', 'page_size'],
    ['/api/v1/regions/610331/children?page=abc', 'page'],
    ['/api/v1/regions', 'q'],
    ['/api/v1/regions?q=tbx&limit=1000', 'limit'],
  ]) {
    const r = await admin.get(path);
    assert.equal(r.status, 400, path);
    assert.equal(r.json.error.code, 'invalid_argument', path);
    assert.equal(r.json.error.field, field, path);
    assert.ok(r.json.error.message.length > 0, path);
  }
});

test('unknown endpoints are 404 in the error shape', async () => {
  const r = await admin.get('/api/v1/nothing-here');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
});

test('without a session the API answers 401', async () => {
  const anon = new Client(server.base);
  const r = await anon.get('/api/v1/regions/610331');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthenticated');
});

test('request limits: an oversized body is refused with 413 and the server stays up', async () => {
  const big = JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
  const r = await admin.post('/api/v1/auth/login', big, { raw: true });
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'payload_too_large');
  assert.equal((await admin.get('/healthz')).status, 200);
});

test('health, OpenAPI document and security headers', async () => {
  const h = await admin.get('/healthz');
  assert.deepEqual(h.json, { status: 'ok' });
  const doc = await admin.get('/api/v1/openapi.json');
  assert.equal(doc.status, 200);
  assert.match(doc.json.openapi, /^3\./);
  assert.ok(doc.json.paths['/api/v1/regions/{code}']);
  assert.equal(h.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(h.headers.get('x-frame-options'), 'DENY');
  assert.match(h.headers.get('content-security-policy'), /default-src 'self'/);
  // API answers: data only, never framed, never cached.
  assert.equal(doc.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
  assert.equal(doc.headers.get('cache-control'), 'no-store');
  assert.equal(doc.headers.get('x-content-type-options'), 'nosniff');
});

test('keep-alive: many requests on few connections all answer', async () => {
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) =>
    admin.get(`/api/v1/regions/610331/children?page=${(i % 2) + 1}&page_size=4`)));
  assert.ok(results.every((r) => r.status === 200));
});
