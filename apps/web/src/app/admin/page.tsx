import { Ban, CircleCheck, PhoneOff, ShieldCheck, ShieldOff, Trash2, UserRound, X } from "lucide-react";
import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Administration" };
export const dynamic = "force-dynamic";

const badge = "rounded-full px-2 py-0.5 text-xs font-medium";

export default async function AdminPage() {
  const admin = await requireAdminPage();
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
        <h1 className="text-2xl font-semibold">Administration</h1>

        <section aria-labelledby="live-heading" className="space-y-3">
          <h2 id="live-heading" className="text-lg font-semibold">Live meetings</h2>
          {live.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody is in a call right now.</p>
          ) : (
            <ul className="space-y-3">
              {live.map(({ meeting, participants }) => (
                <li key={meeting.id}>
                  <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
                    <div className="min-w-0">
                      <h3 className="truncate font-medium">{meeting.title}</h3>
                      <p className="text-sm text-slate-600">Host: {meeting.hostName} · {participants.length} in the call</p>
                      <ul aria-label={`People in ${meeting.title}`} className="mt-2 flex flex-wrap gap-1.5">
                        {participants.map((p) => (
                          <li key={p.id} className={`${badge} bg-slate-100 text-slate-800`}>
                            {p.displayName}
                            {p.role === "HOST" ? " (host)" : p.userId ? "" : " (guest)"}
                          </li>
                        ))}
                      </ul>
                    </div>
                    <AdminActionButton
                      label={`End ${meeting.title} for everyone`}
                      variant="danger"
                      action={endMeetingAction.bind(null, meeting.id)}
                      confirm={{
                        title: `End “${meeting.title}” for everyone?`,
                        text: "Everyone in the call is disconnected and told an administrator ended it.",
                        confirmLabel: "End meeting",
                      }}
                    >
                      <PhoneOff aria-hidden /> End meeting
                    </AdminActionButton>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="users-heading" className="space-y-3">
          <h2 id="users-heading" className="text-lg font-semibold">Users ({users.length})</h2>
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
                      {isAdmin && <span className={`${badge} bg-brand-50 text-brand-700`}>Administrator</span>}
                      {disabled && <span className={`${badge} bg-red-50 text-red-800`}>Disabled</span>}
                      {user.id === admin.id && <span className={`${badge} bg-slate-100 text-slate-700`}>You</span>}
                    </p>
                    <p className="truncate text-sm text-slate-600">
                      {user.email} · joined {formatDay(user.createdAt, admin.timeZone)}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <AdminActionButton
                      label={isAdmin ? `Remove administrator rights from ${user.email}` : `Make ${user.email} an administrator`}
                      action={setUserRoleAction.bind(null, user.id, isAdmin ? "MEMBER" : "ADMIN")}
                    >
                      {isAdmin ? <ShieldOff aria-hidden /> : <ShieldCheck aria-hidden />} {isAdmin ? "Remove admin" : "Make admin"}
                    </AdminActionButton>
                    {disabled ? (
                      <AdminActionButton label={`Enable ${user.email}`} action={setUserDisabledAction.bind(null, user.id, false)}>
                        <CircleCheck aria-hidden /> Enable
                      </AdminActionButton>
                    ) : (
                      <AdminActionButton
                        label={`Disable ${user.email}`}
                        action={setUserDisabledAction.bind(null, user.id, true)}
                        confirm={{
                          title: `Disable ${user.name}?`,
                          text: "They are signed out everywhere at once and cannot sign in until you enable the account again.",
                          confirmLabel: "Disable account",
                        }}
                      >
                        <Ban aria-hidden /> Disable
                      </AdminActionButton>
                    )}
                    <AdminActionButton
                      label={`Delete ${user.email}`}
                      variant="ghost"
                      action={deleteUserAction.bind(null, user.id)}
                      confirm={{
                        title: `Delete ${user.name}?`,
                        text: "The account, its meetings and their history are deleted. This cannot be undone.",
                        confirmLabel: "Delete account",
                      }}
                    >
                      <Trash2 aria-hidden /> Delete
                    </AdminActionButton>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-labelledby="signup-heading" className="space-y-4">
          <h2 id="signup-heading" className="text-lg font-semibold">Sign-up</h2>
          <p className="text-sm text-slate-600">
            Now: <strong>{mode}</strong>
            {config.SIGNUP_ALLOWED_DOMAINS.length > 0 && <> · only addresses at {config.SIGNUP_ALLOWED_DOMAINS.join(", ")} (SIGNUP_ALLOWED_DOMAINS)</>}.
          </p>
          <Card className="p-4">
            <SignupModeForm override={settings.signupMode?.toLowerCase() ?? ""} envMode={config.SIGNUP_MODE} />
          </Card>
          <Card className="space-y-4 p-4">
            <InviteForm />
            {invitations.length > 0 && (
              <ul aria-label="Invited addresses" className="divide-y divide-slate-200">
                {invitations.map((invitation) => (
                  <li key={invitation.email} className="flex items-center justify-between gap-2 py-2 text-sm">
                    <span className="truncate">{invitation.email}</span>
                    <AdminActionButton label={`Remove the invitation of ${invitation.email}`} variant="ghost" action={revokeInvitationAction.bind(null, invitation.email)}>
                      <X aria-hidden /> Remove
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
