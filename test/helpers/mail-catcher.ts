import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  messageId?: string;
  /** When the server had received all of it (Date.now()), before it answered « accepted ». */
  receivedAt: number;
}

/**
 * A real SMTP server in this process that keeps every message it receives, parsed. `refuse(address)`
 * makes it answer a temporary failure for that recipient (a full mailbox) until `accept` is called.
 */
export async function startMailCatcher(port = 0) {
  const mails: CaughtMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) return callback(Object.assign(new Error('Boîte pleine, réessayez plus tard'), { responseCode: 452 }));
      callback();
    },
    onData(stream, _session, callback) {
      // The instant the whole message was in, not the end of its parsing, which may come later.
      let receivedAt = 0;
      stream.on('end', () => {
        receivedAt = Date.now();
      });
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
          mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', messageId: parsed.messageId, receivedAt: receivedAt || Date.now() });
          callback();
        })
        .catch(callback);
    },
  });
  // A client that dies mid-conversation (a cms killed on purpose) resets its connection: smtp-server
  // reports it as an 'error' event, which would otherwise be thrown into the running test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    mails,
    port: (server.server.address() as AddressInfo).port,
    refuse: (address: string) => refused.add(address),
    accept: (address: string) => refused.delete(address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** Waits until a mail matching `predicate` arrives. */
    async waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs = 30000): Promise<CaughtMail> {
      const seen = await eventually(
        'le courriel attendu',
        () => ({ received: mails.length, found: mails.find(predicate) }),
        (v) => v.found !== undefined,
        { timeoutMs, intervalMs: 25 },
      );
      return seen.found!;
    },
  };
}

/** A loopback port on which nothing listens (for an SMTP outage). */
export async function freePort(): Promise<number> {
  const catcher = await startMailCatcher();
  const { port } = catcher;
  await catcher.close();
  return port;
}
