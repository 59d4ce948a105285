"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { CalendarDays, CalendarSync, ChevronDown, LogOut, Mail, ShieldCheck, UserRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { authClient } from "@/features/auth/auth-client";

const item = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100";

export function UserMenu({ name, email, isAdmin = false }: { name: string; email: string; isAdmin?: boolean }) {
  const t = useTranslations("userMenu");
  const router = useRouter();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-800 hover:bg-slate-100"
        aria-label={t("trigger", { name })}
      >
        <span className="max-w-40 truncate">{name}</span>
        <ChevronDown aria-hidden className="size-4" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg">
          <DropdownMenu.Label className="truncate px-2 py-1.5 text-xs text-slate-500">{email}</DropdownMenu.Label>
          <DropdownMenu.Item className={item} onSelect={() => router.push("/dashboard")}>
            <CalendarDays aria-hidden className="size-4" /> {t("dashboard")}
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => router.push("/settings/profile")}>
            <UserRound aria-hidden className="size-4" /> {t("profile")}
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => router.push("/settings/calendar")}>
            <CalendarSync aria-hidden className="size-4" /> {t("calendar")}
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => router.push("/outbox")}>
            <Mail aria-hidden className="size-4" /> {t("outbox")}
          </DropdownMenu.Item>
          {isAdmin && (
            <DropdownMenu.Item className={item} onSelect={() => router.push("/admin")}>
              <ShieldCheck aria-hidden className="size-4" /> {t("admin")}
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item
            className={item}
            onSelect={async () => {
              await authClient.signOut();
              router.push("/sign-in");
              router.refresh();
            }}
          >
            <LogOut aria-hidden className="size-4" /> {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
