import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/features/auth/password-reset-forms";

export const metadata: Metadata = { title: "Reset your password" };

export default function Page() {
  return <ForgotPasswordForm />;
}
