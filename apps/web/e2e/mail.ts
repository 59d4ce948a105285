import { expect } from "@playwright/test";
import { CONTROL_PORT } from "./ports";

/** A mail as the stack's SMTP sink received it (GET /mail on the control port). */
export type SinkMail = { to: string[]; subject: string; text: string; calendars: { method: string | null; content: string }[] };

/** Waits for the first mail to `address` whose subject matches. */
export async function mailTo(address: string, subject: RegExp): Promise<SinkMail> {
  let found: SinkMail | undefined;
  await expect
    .poll(
      async () => {
        const mail = (await (await fetch(`http://127.0.0.1:${CONTROL_PORT}/mail`)).json()) as SinkMail[];
        found = mail.find((m) => m.to.includes(address.toLowerCase()) && subject.test(m.subject));
        return Boolean(found);
      },
      { timeout: 30_000, message: `mail to ${address} matching ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** The first link in a mail's text that matches `pattern`. */
export const linkIn = (mail: SinkMail, pattern: RegExp) => {
  const link = pattern.exec(mail.text)?.[0];
  expect(link, `link matching ${pattern} in "${mail.subject}"`).toBeDefined();
  return link!;
};
