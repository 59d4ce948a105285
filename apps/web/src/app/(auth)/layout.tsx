import { Video } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { DisplayPreferences } from "@/features/preferences/display-preferences";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center gap-6 px-4 py-10">
      <div className="absolute top-3 right-4">
        <DisplayPreferences />
      </div>
      <Link href="/" className="flex items-center gap-2 text-lg font-semibold">
        <Video aria-hidden className="size-6 text-brand-600" /> Parley
      </Link>
      {children}
    </main>
  );
}
