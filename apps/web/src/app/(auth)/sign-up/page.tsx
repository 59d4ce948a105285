import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { env } from "@/env";
import { AuthForm } from "@/features/auth/auth-form";
import { currentUser } from "@/server/session";
import { signupNotice } from "@/server/signup-notice";

export const metadata: Metadata = { title: "Sign up" };
export const dynamic = "force-dynamic";

export default async function Page() {
  if (await currentUser()) redirect("/dashboard");
  const config = env();
  return (
    <Suspense>
      <AuthForm mode="sign-up" notice={await signupNotice(config)} ssoLabel={config.OIDC_ISSUER ? config.OIDC_BUTTON_LABEL : undefined} />
    </Suspense>
  );
}
