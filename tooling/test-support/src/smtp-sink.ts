// A real SMTP server for tests (smtp-server on loopback), parsing what arrives with mailparser.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  from: string;
  /** Envelope recipients, lowercased. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Distinct text/calendar parts (the iTIP invite), with their METHOD when present. */
  calendars: { method: string | null; content: string }[];
  raw: string;
};

export type SmtpSink = {
  port: number;
  /** smtp://127.0.0.1:<port> (no TLS, no auth: loopback only). */
  url: string;
  readonly messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving within `timeoutMs`) that matches. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** While true, every message is refused with a temporary error (451), as a server in trouble would. */
  refuseMail(refuse: boolean): void;
  stop(): Promise<void>;
};

/** Starts the sink on `port` (0: any free port) on 127.0.0.1. */
export async function startSmtpSink({ port = 0 }: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let refusing = false;

  const server = new SMTPServer({
    authOptional: true,
    // NOTE: no reverse DNS of the client: on a machine without DNS each lookup stalls a delivery for seconds.
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusing) {
          const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw)
          .then((parsed) => {
            const calendars = parsed.attachments
              .filter((a) => a.contentType.startsWith("text/calendar") || a.contentType === "application/ics")
              .map((a) => ({ method: methodOf(a), content: a.content.toString("utf8") }))
              // NOTE: an invite usually travels twice (inline text/calendar alternative and .ics attachment).
              .filter((c, i, all) => all.findIndex((other) => other.content === c.content) === i);
            messages.push({
              from: parsed.from?.text ?? "",
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              calendars,
              raw,
            });
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;

  return {
    port: boundPort,
    url: `smtp://127.0.0.1:${boundPort}`,
    messages,
    refuseMail: (refuse) => void (refusing = refuse),
    waitFor(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received: ${messages.map((m) => `${m.to.join(",")} "${m.subject}"`).join("; ")})`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** METHOD from a calendar attachment's content (mailparser drops Content-Type parameters). */
function methodOf(attachment: { content: Buffer }): string | null {
  return /^METHOD:(\S+)\r?$/m.exec(attachment.content.toString("utf8"))?.[1] ?? null;
}
