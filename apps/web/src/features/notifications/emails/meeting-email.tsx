import { EmailButton, EmailLayout } from "./email-layout";

export type MeetingEmailKind = "invitation" | "update" | "cancellation";

export type MeetingEmailProps = {
  kind: MeetingEmailKind;
  title: string;
  hostName: string;
  /** "Mon 16 Mar 2026 · 09:00–09:45 (Europe/Berlin)" */
  when: string;
  /** "Every week on Monday · 4 times", or null for a one-off meeting. */
  repeats: string | null;
  description: string | null;
  joinUrl: string;
  /** The mail is about one occurrence of a series; the other occurrences stay as they were. */
  onlyOccurrence?: boolean;
  /** Signed answer links; absent for a cancellation. */
  rsvp?: { accept: string; tentative: string; decline: string };
};

const HEADLINE: Record<MeetingEmailKind, (p: MeetingEmailProps) => string> = {
  invitation: (p) => `${p.hostName} invited you to “${p.title}”`,
  update: (p) => `${p.hostName} changed “${p.title}”`,
  cancellation: (p) => `${p.hostName} cancelled “${p.title}”`,
};

/** Invitation, update or cancellation of a meeting; the calendar invite travels as the mail's text/calendar part. */
export function MeetingEmail(props: MeetingEmailProps) {
  const headline = HEADLINE[props.kind](props);
  const cancelled = props.kind === "cancellation";
  return (
    <EmailLayout preview={headline}>
      <h1 style={{ fontSize: "20px", margin: "0 0 16px" }}>{headline}</h1>
      <p style={{ margin: "0 0 4px", textDecoration: cancelled ? "line-through" : "none" }}>When: {props.when}</p>
      {props.repeats && <p style={{ margin: "0 0 4px" }}>Repeats: {props.repeats}</p>}
      {props.onlyOccurrence && <p style={{ margin: "0 0 4px" }}>Only this occurrence changes; the rest of the series stays as it was.</p>}
      {cancelled ? (
        <p>{props.onlyOccurrence ? "This occurrence" : "This meeting"} will not take place. Your calendar removes it when it reads the attached update.</p>
      ) : (
        <>
          <p style={{ margin: "0 0 16px" }}>
            Join: <a href={props.joinUrl}>{props.joinUrl}</a>
          </p>
          {props.description && <p style={{ whiteSpace: "pre-wrap" }}>{props.description}</p>}
          <p style={{ margin: "16px 0 8px" }}>Will you attend?</p>
          {props.rsvp && (
            <p>
              <EmailButton href={props.rsvp.accept}>Yes, I will attend</EmailButton>
              <EmailButton href={props.rsvp.tentative} tone="secondary">
                Maybe
              </EmailButton>
              <EmailButton href={props.rsvp.decline} tone="secondary">
                No, I can’t attend
              </EmailButton>
            </p>
          )}
          <p style={{ fontSize: "13px", color: "#475569" }}>The attached invitation adds the meeting to your calendar.</p>
        </>
      )}
    </EmailLayout>
  );
}
