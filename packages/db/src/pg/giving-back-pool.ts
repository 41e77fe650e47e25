// The store's pool: a connection lent out whose link to PostgreSQL ends is given back at once, whoever
// holds it (and giving it back again later does nothing).
//
// Why: Drizzle's node-postgres transaction (drizzle-orm 0.45, node-postgres/session.js) sends BEGIN before
// the try/finally that releases the connection. A BEGIN that fails because PostgreSQL went away between
// the checkout and that first statement (a restart under load) leaves the connection lent for ever: one
// connection fewer for every call after (with all of them gone, every call waits for one and times out),
// and `pool.end()` never resolves, since it waits for every lent connection to come back. That was the
// close seen hanging in the server's PostgreSQL tests after a restart (pool-close.ts; store-close.test.ts
// cuts a BEGIN through a relay and fails without this). The pool removes a connection given back with an
// error instead of lending it again, so the holder's own later statements fail on it and nothing else
// ever runs on it.
import pg from 'pg';

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

export class GivingBackPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  // Both forms land here: the pool's own `query` checks out through `connect(callback)` too.
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (callback === undefined) {
      return new Promise((resolve, reject) => this.connect((err, client) => (err !== undefined || client === undefined ? reject(err) : resolve(client))));
    }
    super.connect((err, client, done) => {
      if (err !== undefined || client === undefined) return callback(err, client, done);
      let given = false;
      const giveBack = (release?: unknown) => {
        if (given) return;
        given = true;
        client.off('end', lost);
        done(release);
      };
      const lost = () => giveBack(new Error('the connection to PostgreSQL ended while it was lent out'));
      client.once('end', lost);
      client.release = giveBack;
      callback(undefined, client, giveBack);
    });
  }
}
