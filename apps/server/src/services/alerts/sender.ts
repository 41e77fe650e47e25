// The alert outbox's sender: emails that are due go to the mail server; each is marked sent only once the
// server has taken it, and a failure keeps it for another try (30 s, doubling, at most an hour apart), so
// an alert is never lost to a mail server that is down. Immediate alerts go one email each; digest alerts
// go in one email per person, listing everything due for them (their daily digest hour). Delivery is at
// least once: a crash between the mail server taking a message and the row being marked sends it again.
import { alertEmail, alertRetryDelayMs, digestEmail } from '@mac/domain';
import type { OutboxRecord } from '@mac/db';
import type { AppDeps } from '../../deps.js';
import type { Mailer } from './mailer.js';

export interface AlertSender {
  /** Sends what is due at `at` (default now); the loop calls it, and tests with a later clock for a digest. */
  sendDue(at?: Date): Promise<{ sent: number; failed: number }>;
  /** Starts the periodic loop. */
  start(everyMs: number): void;
  stop(): Promise<void>;
}

export function createAlertSender(deps: AppDeps, mailer: Mailer, linkOrigin: () => string): AlertSender {
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let lastLogged = 0;

  const settingsLink = () => `${linkOrigin()}/account/alerts`;

  async function sendOnce(at: Date): Promise<{ sent: number; failed: number }> {
    const due = await deps.repos.alerts.dueEmails(at.toISOString());
    const groups: OutboxRecord[][] = [];
    const digests = new Map<string, OutboxRecord[]>();
    for (const row of due) {
      if (row.delivery === 'immediate') groups.push([row]);
      else {
        const key = `${row.userId}\n${row.toAddress}`;
        digests.set(key, [...(digests.get(key) ?? []), row]);
      }
    }
    groups.push(...digests.values());
    let sent = 0;
    let failed = 0;
    for (const rows of groups) {
      const first = rows[0]!;
      const ids = rows.map((r) => r.id);
      const user = await deps.repos.users.byId(first.userId);
      if (user === null || user.disabled) {
        // Someone whose account was disabled (they left) is sent nothing more about any child.
        await deps.repos.alerts.markFailed(ids, 'not sent: the account is disabled', new Date(at.getTime() + 365 * 86_400_000).toISOString());
        continue;
      }
      const message = first.delivery === 'immediate' ? alertEmail(first.line, settingsLink()) : digestEmail(rows.map((r) => r.line), settingsLink());
      try {
        await mailer.send({ to: first.toAddress, ...message });
        await deps.repos.alerts.markSent(ids, new Date().toISOString());
        sent += 1;
      } catch (err) {
        failed += 1;
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        await deps.repos.alerts.markFailed(ids, err instanceof Error ? err.message : String(err), new Date(at.getTime() + alertRetryDelayMs(attempts)).toISOString());
        if (Date.now() - lastLogged > 60_000) {
          lastLogged = Date.now();
          console.error(`[mac] alerts: the mail server did not take an alert email (will retry): ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    return { sent, failed };
  }

  return {
    sendDue(at = deps.now()) {
      // One pass at a time: the loop and a caller never send the same row twice.
      // And one node at a time: each pass reads what is due and marks it sent only once the mail server has
      // taken it, so two nodes' passes at once would both send it (Store.exclusively: a PostgreSQL advisory
      // lock, held on its own connection and released if the node dies; the next pass finds it marked).
      const result = chain.then(() => deps.store.exclusively('alert-sender', () => sendOnce(at)));
      chain = result.catch(() => undefined);
      return result;
    },
    start(everyMs) {
      timer = setInterval(() => {
        // Not awaited: a timer tick; the next pass waits for this one (sendDue runs one pass at a time).
        void this.sendDue().catch((err: unknown) => {
          if (Date.now() - lastLogged > 60_000) {
            lastLogged = Date.now();
            console.error('[mac] alerts: could not read the outbox:', err);
          }
        });
      }, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await chain;
      mailer.close();
    },
  };
}
