import { Link2Off } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

/** A join link that leads nowhere (served with HTTP 404). */
export default async function MeetingNotFound() {
  const t = await getTranslations("join");
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <Card className="max-w-md text-center">
        <Link2Off aria-hidden className="mx-auto size-8 text-slate-400" />
        <h1 className="mt-3 text-xl font-semibold">{t("notFoundTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("notFoundText")}</p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline">
          {t("goHome")}
        </Link>
      </Card>
    </main>
  );
}
