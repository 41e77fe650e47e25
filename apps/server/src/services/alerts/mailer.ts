// Sending one email through the operator's mail server (SMTP_URL), with nodemailer. Plain text only: an
// alert email is one sentence, initials and a link (@mac/domain alerts.ts), nothing to format.
import nodemailer from 'nodemailer';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  // One connection per message (no pool): alerts are few, and a pooled connection the server closed
  // would fail the next send for nothing.
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    async send(message) {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
    close() {
      transport.close();
    },
  };
}
