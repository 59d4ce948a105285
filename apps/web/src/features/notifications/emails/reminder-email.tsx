import { EmailButton, EmailLayout } from "./email-layout";

export type ReminderEmailProps = {
  title: string;
  /** "Mon 16 Mar 2026 · 09:00–09:45 (Europe/Berlin)" */
  when: string;
  /** "starts in 10 minutes" */
  soon: string;
  joinUrl: string;
};

/** "Your meeting starts soon", sent before each occurrence (the meeting's reminder setting). */
export function ReminderEmail(props: ReminderEmailProps) {
  const headline = `“${props.title}” ${props.soon}`;
  return (
    <EmailLayout preview={headline}>
      <h1 style={{ fontSize: "20px", margin: "0 0 16px" }}>{headline}</h1>
      <p style={{ margin: "0 0 16px" }}>When: {props.when}</p>
      <p>
        <EmailButton href={props.joinUrl}>Join the meeting</EmailButton>
      </p>
      <p style={{ fontSize: "13px", color: "#475569" }}>
        Join: <a href={props.joinUrl}>{props.joinUrl}</a>
      </p>
    </EmailLayout>
  );
}
