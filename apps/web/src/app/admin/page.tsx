import { Ban, CircleCheck, PhoneOff, ShieldCheck, ShieldOff, Trash2, UserRound, X } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { Card } from "@/components/ui/card";
import {
  deleteUserAction,
  endMeetingAction,
  revokeInvitationAction,
  setUserDisabledAction,
  setUserRoleAction,
} from "@/features/operator/actions";
import { env } from "@/env";
import { formatDay } from "@/lib/format";
import { requireAdminPage } from "@/server/admin";
import { effectiveSignupMode } from "@/server/auth-operator";
import { db } from "@/server/db";
import { AdminActionButton } from "./_components/admin-action-button";
import { InviteForm } from "./_components/invite-form";
import { SignupModeForm } from "./_components/signup-mode-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("title") };
}
export const dynamic = "force-dynamic";

const badge = "rounded-full px-2 py-0.5 text-xs font-medium";

export default async function AdminPage() {
  const admin = await requireAdminPage();
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const config = env();
  const [users, live, settings, invitations, mode] = await Promise.all([
    db().adminUsers.list(),
    db().participants.listLive(),
    db().instance.settings(),
    db().instance.listInvitations(),
    effectiveSignupMode({ config, db }),
  ]);

  return (
    <>
      <SiteHeader user={admin} />
      <main className="mx-auto max-w-5xl space-y-10 px-4 py-8">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>

        <section aria-labelledby="live-heading" className="space-y-3">
          <h2 id="live-heading" className="text-lg font-semibold">
            {t("live")}
          </h2>
          {live.length === 0 ? (
            <p className="text-sm text-slate-600">{t("nobodyLive")}</p>
          ) : (
            <ul className="space-y-3">
              {live.map(({ meeting, participants }) => (
                <li key={meeting.id}>
                  <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
                    <div className="min-w-0">
                      <h3 className="truncate font-medium">{meeting.title}</h3>
                      <p className="text-sm text-slate-600">{t("liveLine", { host: meeting.hostName, count: participants.length })}</p>
                      <ul aria-label={t("peopleIn", { title: meeting.title })} className="mt-2 flex flex-wrap gap-1.5">
                        {participants.map((p) => (
                          <li key={p.id} className={`${badge} bg-slate-100 text-slate-800`}>
                            {p.displayName}
                            {p.role === "HOST" ? ` ${t("hostSuffix")}` : p.userId ? "" : ` ${t("guestSuffix")}`}
                          </li>
                        ))}
                      </ul>
                    </div>
                    <AdminActionButton
                      label={t("endLabel", { title: meeting.title })}
                      variant="danger"
                      action={endMeetingAction.bind(null, meeting.id)}
                      confirm={{
                        title: t("endTitle", { title: meeting.title }),
                        text: t("endText"),
                        confirmLabel: t("endConfirm"),
                      }}
                    >
                      <PhoneOff aria-hidden /> {t("endConfirm")}
                    </AdminActionButton>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="users-heading" className="space-y-3">
          <h2 id="users-heading" className="text-lg font-semibold">
            {t("users", { count: users.length })}
          </h2>
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {users.map((user) => {
              const isAdmin = user.role === "ADMIN";
              const disabled = user.disabledAt !== null;
              return (
                <li key={user.id} className="flex flex-col gap-3 p-4 md:flex-row md:items-center md:justify-between" aria-label={user.email}>
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <UserRound aria-hidden className="size-4 text-slate-400" />
                      <span className="truncate">{user.name}</span>
                      {isAdmin && <span className={`${badge} bg-brand-50 text-brand-700`}>{t("badgeAdmin")}</span>}
                      {disabled && <span className={`${badge} bg-red-50 text-red-800`}>{t("badgeDisabled")}</span>}
                      {user.id === admin.id && <span className={`${badge} bg-slate-100 text-slate-700`}>{t("badgeYou")}</span>}
                    </p>
                    <p className="truncate text-sm text-slate-600">
                      {t("joined", { email: user.email, day: formatDay(user.createdAt, admin.timeZone, locale) })}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <AdminActionButton
                      label={isAdmin ? t("removeAdminLabel", { email: user.email }) : t("makeAdminLabel", { email: user.email })}
                      action={setUserRoleAction.bind(null, user.id, isAdmin ? "MEMBER" : "ADMIN")}
                    >
                      {isAdmin ? <ShieldOff aria-hidden /> : <ShieldCheck aria-hidden />} {isAdmin ? t("removeAdmin") : t("makeAdmin")}
                    </AdminActionButton>
                    {disabled ? (
                      <AdminActionButton label={t("enableLabel", { email: user.email })} action={setUserDisabledAction.bind(null, user.id, false)}>
                        <CircleCheck aria-hidden /> {t("enable")}
                      </AdminActionButton>
                    ) : (
                      <AdminActionButton
                        label={t("disableLabel", { email: user.email })}
                        action={setUserDisabledAction.bind(null, user.id, true)}
                        confirm={{
                          title: t("disableTitle", { name: user.name }),
                          text: t("disableText"),
                          confirmLabel: t("disableConfirm"),
                        }}
                      >
                        <Ban aria-hidden /> {t("disable")}
                      </AdminActionButton>
                    )}
                    <AdminActionButton
                      label={t("deleteLabel", { email: user.email })}
                      variant="ghost"
                      action={deleteUserAction.bind(null, user.id)}
                      confirm={{
                        title: t("deleteTitle", { name: user.name }),
                        text: t("deleteText"),
                        confirmLabel: t("deleteConfirm"),
                      }}
                    >
                      <Trash2 aria-hidden /> {t("delete")}
                    </AdminActionButton>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-labelledby="signup-heading" className="space-y-4">
          <h2 id="signup-heading" className="text-lg font-semibold">
            {t("signup")}
          </h2>
          <p className="text-sm text-slate-600">
            {t.rich("signupNow", { mode, strong: (chunks) => <strong>{chunks}</strong> })}
            {config.SIGNUP_ALLOWED_DOMAINS.length > 0 && ` · ${t("signupDomains", { domains: config.SIGNUP_ALLOWED_DOMAINS.join(", ") })}`}.
          </p>
          <Card className="p-4">
            <SignupModeForm override={settings.signupMode?.toLowerCase() ?? ""} envMode={config.SIGNUP_MODE} />
          </Card>
          <Card className="space-y-4 p-4">
            <InviteForm />
            {invitations.length > 0 && (
              <ul aria-label={t("invited")} className="divide-y divide-slate-200">
                {invitations.map((invitation) => (
                  <li key={invitation.email} className="flex items-center justify-between gap-2 py-2 text-sm">
                    <span className="truncate">{invitation.email}</span>
                    <AdminActionButton label={t("revokeLabel", { email: invitation.email })} variant="ghost" action={revokeInvitationAction.bind(null, invitation.email)}>
                      <X aria-hidden /> {t("revoke")}
                    </AdminActionButton>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </section>
      </main>
    </>
  );
}
