import { connect } from './sync-testing.js';
import { sharedDocName } from '@mac/sync';
const origin = process.argv[2]!;
const login = async (email: string) => { const r = await fetch(origin + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password: 'pw-repro-123456' }) }); return r.headers.get('set-cookie')!.split(';')[0]!; };
const cookie = await login('hv@health.example.org');
const list = await (await fetch(origin + '/api/chronologies', { headers: { cookie } })).json();
console.log('chronologies', list.chronologies.length);
const id = list.chronologies[0].id;
const c = connect(origin, cookie, sharedDocName(id));
for (let i = 0; i < 100 && !c.provider.synced; i++) await new Promise((r) => setTimeout(r, 100));
console.log('ws synced', c.provider.synced, 'entries', c.doc.getMap('entries').size);
const before = c.doc.getMap('entries').size;
const w = await fetch(`${origin}/api/chronologies/${id}/entries`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: JSON.stringify({ date: '2024-06-02', category: 'health-assessment', summary: 'pg smoke' }) });
console.log('POST', w.status);
for (let i = 0; i < 50 && c.doc.getMap('entries').size === before; i++) await new Promise((r) => setTimeout(r, 100));
console.log('live after POST', c.doc.getMap('entries').size - before);
for (const path of ['entries?limit=20', 'patterns', 'household', 'history', 'snapshots']) {
  const r = await fetch(`${origin}/api/chronologies/${id}/${path}`, { headers: { cookie } });
  const t = await r.text();
  console.log(path, r.status, t.slice(0, 80));
}
const p = await fetch(`${origin}/api/chronologies/${id}/pack?version=professional&format=pdf`, { headers: { cookie } });
console.log('pack', p.status, p.headers.get('content-type'), (await p.arrayBuffer()).byteLength);
const a = await login('admin@mac.example.org');
const au = await fetch(`${origin}/api/admin/audit?limit=5`, { headers: { cookie: a } });
console.log('audit', au.status, (await au.text()).slice(0, 100));
c.destroy();
