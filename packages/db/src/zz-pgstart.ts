import { startPgCluster } from './pg/test-cluster.js';
const c = await startPgCluster();
const url = await c.freshDatabase('mac_manual');
console.log('URL', url);
await new Promise(() => {});
