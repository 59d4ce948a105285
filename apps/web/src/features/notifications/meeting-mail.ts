import { createElement } from "react";
import { meetingToIcs, oneLine } from "@/features/scheduling/ics";
import { describeRrule, lastOccurrence } from "@/features/scheduling/recurrence";
import { formatDay, formatTimeRange } from "@/lib/format";
import type { OutgoingMail } from "@/server/mail/outgoing-mail";
import { renderEmail } from "@/server/mail/render";
import { MeetingEmail } from "./emails/meeting-email";
import type { MeetingMailPayload, MeetingSnapshot } from "./meeting-mail-jobs";
import { mintRsvpToken } from "./rsvp-token";

const DAY_MS = 86_400_000;
const SUBJECT_PREFIX = { invitation: "Invitation", update: "Updated invitation", cancellation: "Cancelled" } as const;

/** RSVP links work until a day after the last occurrence ends (a year for a series without an end). */
export function rsvpExpiry(meeting: MeetingSnapshot, now: Date): Date {
  const last = lastOccurrence(meeting);
  const until = last ? last.getTime() + meeting.durationMinutes * 60_000 + DAY_MS : now.getTime() + 365 * DAY_MS;
  return new Date(Math.max(until, now.getTime() + DAY_MS));
}

export type MeetingMailContext = { publicUrl: string; rsvpKey: Uint8Array; now?: Date };

/** The message (HTML, plain text, iTIP calendar part) for one meeting mail job. */
export async function buildMeetingMail(payload: MeetingMailPayload, context: MeetingMailContext): Promise<OutgoingMail> {
  const { kind, recipient, meeting, occurrence } = payload;
  const now = context.now ?? new Date();
  const joinUrl = new URL(`/m/${meeting.slug}`, context.publicUrl).toString();
  // About one occurrence: its time as it is now (moved) or was (cancelled); otherwise the series' first.
  const exception = occurrence && meeting.exceptions.find((e) => e.originalStart.getTime() === occurrence.getTime());
  const start = exception && !exception.cancelled && exception.startsAt ? exception.startsAt : (occurrence ?? meeting.startsAt);
  const end = new Date(start.getTime() + ((exception && !exception.cancelled && exception.durationMinutes) || meeting.durationMinutes) * 60_000);
  const when = `${formatDay(start, meeting.timeZone)} · ${formatTimeRange(start, end, meeting.timeZone)} (${meeting.timeZone.replaceAll("_", " ")})`;
  const title = oneLine(meeting.title);

  let rsvp: { accept: string; tentative: string; decline: string } | undefined;
  if (kind !== "cancellation") {
    const token = await mintRsvpToken(context.rsvpKey, { meetingId: meeting.id, email: recipient }, rsvpExpiry(meeting, now));
    const link = (answer: string) => new URL(`/rsvp/${token}?answer=${answer}`, context.publicUrl).toString();
    rsvp = { accept: link("accepted"), tentative: link("tentative"), decline: link("declined") };
  }

  const { html, text } = await renderEmail(
    createElement(MeetingEmail, {
      kind,
      title,
      hostName: oneLine(meeting.host.name),
      when,
      repeats: occurrence ? null : describeRrule(meeting.rrule),
      onlyOccurrence: occurrence !== undefined,
      description: meeting.description,
      joinUrl,
      rsvp,
    }),
  );
  const method = kind === "cancellation" ? "CANCEL" : "REQUEST";
  // A cancellation names only its recipient (a removed invitee must not learn who else is invited).
  const attendees = kind === "cancellation" ? [{ email: recipient }] : meeting.invitees;
  return {
    key: `meeting:${meeting.id}:${meeting.sequence}:${recipient}:${kind}`,
    to: recipient,
    subject: `${SUBJECT_PREFIX[kind]}: ${title} @ ${when}`,
    html,
    text,
    calendar: { method, content: meetingToIcs(meeting, joinUrl, { method, attendees, ...(occurrence ? { occurrence } : {}) }) },
    meetingId: meeting.id,
  };
}
