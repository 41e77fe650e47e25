// A real SMTP server on loopback for tests (nodemailer's smtp-server), keeping every message it is given,
// parsed with mailparser: what a mail server would have received, byte for byte. `refuse` makes it turn
// messages away (a mail server that is down or full), to prove nothing is lost.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  parsed: ParsedMail;
  /** Subject and text body, as a reader sees them. */
  subject: string;
  text: string;
  /** The whole message as sent (headers included). */
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  refuse: boolean;
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    received: [],
    refuse: false,
    to: (address) => sink.received.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (sink.refuse) return callback(Object.assign(new Error('mailbox unavailable (test sink refusing)'), { responseCode: 451 }));
        const raw = Buffer.concat(chunks);
        // Not awaited: smtp-server's callback style; the callback answers the client when parsing is done.
        void simpleParser(raw).then(
          (parsed) => {
            sink.received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed, subject: parsed.subject ?? '', text: parsed.text ?? '', raw: raw.toString('utf8') });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}
