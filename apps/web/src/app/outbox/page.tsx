import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { Alert, Card } from "@/components/ui/card";
import { env } from "@/env";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outbox"))("title") };
}
export const dynamic = "force-dynamic";

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its links clickable (the RSVP and reset links are what people come here for). */
function LinkedText({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="text-brand-700 underline break-all">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * Mail that was not sent because no SMTP server is configured (the quick start). Each signed-in person sees the
 * mail addressed to them and the mail about meetings they host, nobody else's.
 */
export default async function OutboxPage() {
  const user = await requireUser("/outbox");
  const t = await getTranslations("outbox");
  const messages = await db().mail.outboxFor(user);
  const smtp = Boolean(env().SMTP_URL);
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("intro")}</p>
        </div>
        {smtp ? (
          <Alert tone="info">{t("smtp")}</Alert>
        ) : (
          <Alert tone="info">{t("noSmtp")}</Alert>
        )}
        {messages.length === 0 ? (
          <Card className="text-sm text-slate-600">{t("empty")}</Card>
        ) : (
          <ul className="space-y-4">
            {messages.map((message) => (
              <li key={message.id} data-testid="outbox-message">
                <Card className="space-y-2 p-4">
                  <p className="font-medium">{message.subject}</p>
                  <p className="text-xs text-slate-500">
                    {t("to", { recipient: message.recipient })} · <time dateTime={message.createdAt.toISOString()}>{message.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
                    {message.calendar && ` · ${t("calendar")}`}
                  </p>
                  <pre className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800">
                    <LinkedText text={message.textBody ?? ""} />
                  </pre>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
