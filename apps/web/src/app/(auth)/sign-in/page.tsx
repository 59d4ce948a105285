import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuthForm } from "@/features/auth/auth-form";
import { currentUser } from "@/server/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page() {
  if (await currentUser()) redirect("/dashboard");
  return (
    <Suspense>
      <AuthForm mode="sign-in" />
    </Suspense>
  );
}
