import { EmailButton, EmailLayout } from "./email-layout";

export type AccountEmailKind = "reset-password" | "verify-email";

const COPY: Record<AccountEmailKind, { subject: string; intro: string; action: string; outro: string }> = {
  "reset-password": {
    subject: "Reset your Parley password",
    intro: "Someone (hopefully you) asked to reset the password of your Parley account.",
    action: "Choose a new password",
    outro: "The link works for one hour. If you did not ask for it, ignore this mail: your password stays as it is.",
  },
  "verify-email": {
    subject: "Confirm your email address for Parley",
    intro: "Confirm that this address belongs to you to finish setting up your Parley account.",
    action: "Confirm my email address",
    outro: "If you did not create a Parley account, ignore this mail.",
  },
};

export const accountEmailSubject = (kind: AccountEmailKind) => COPY[kind].subject;

/** Password reset and address confirmation mails (better-auth's flows). */
export function AccountEmail({ kind, name, url }: { kind: AccountEmailKind; name: string; url: string }) {
  const copy = COPY[kind];
  return (
    <EmailLayout preview={copy.subject}>
      <h1 style={{ fontSize: "20px", margin: "0 0 16px" }}>{copy.subject}</h1>
      <p>Hello {name},</p>
      <p>{copy.intro}</p>
      <p>
        <EmailButton href={url}>{copy.action}</EmailButton>
      </p>
      <p style={{ fontSize: "13px", color: "#475569" }}>
        Or open this link: <a href={url}>{url}</a>
      </p>
      <p style={{ fontSize: "13px", color: "#475569" }}>{copy.outro}</p>
    </EmailLayout>
  );
}
