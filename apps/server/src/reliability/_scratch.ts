import { startTestServer, DEMO } from '../testing.js';
const s = await startTestServer();
const doc = (await s.api(null, 'GET', '/api/openapi.json')).body;
for (const [p, ops] of Object.entries<any>(doc.paths)) for (const [m, op] of Object.entries<any>(ops)) console.log(m.toUpperCase(), p, op.requestBody ? Object.keys(op.requestBody.content).join(',') : '', (op.parameters??[]).map((x:any)=>x.in+':'+x.name).join(' '));
const hv = await s.login(DEMO.hv);
const list = await s.api(hv, 'GET', '/api/chronologies');
console.log(JSON.stringify(list.body).slice(0, 1500));
await s.stop();
