import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { env } from "@/env";
import { AuthForm } from "@/features/auth/auth-form";
import { currentUser } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}
export const dynamic = "force-dynamic";

export default async function Page() {
  if (await currentUser()) redirect("/dashboard");
  const config = env();
  return (
    <Suspense>
      <AuthForm mode="sign-in" ssoLabel={config.OIDC_ISSUER ? config.OIDC_BUTTON_LABEL : undefined} />
    </Suspense>
  );
}
