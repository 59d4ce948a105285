import type { Metadata, Viewport } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { cookies, headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { StyleNonce } from "@/components/style-nonce";
import { THEME_COOKIE, themeClass, themeOf } from "@/features/preferences/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: "Parley", template: "%s · Parley" }, description: t("description") };
}

// Every page reads the session or runtime config: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Set by the proxy for every page (see src/proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const locale = await getLocale();
  // The chosen theme is a class rendered here, so the first paint is right without a script (none runs before it).
  const theme = themeClass(themeOf((await cookies()).get(THEME_COOKIE)?.value));
  return (
    <html lang={locale} className={`${GeistSans.variable} ${GeistMono.variable} ${theme}`.trim()}>
      <body className="min-h-dvh font-sans">
        <StyleNonce nonce={nonce} />
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
