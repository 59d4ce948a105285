/** One message ready to leave: rendered bodies, an optional iTIP calendar part, and its idempotency key. */
export type OutgoingMail = {
  /** Unique per message (meeting:sequence-or-occurrence:recipient:kind); a second send with the same key is skipped. */
  key: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  calendar?: { method: "REQUEST" | "CANCEL"; content: string };
  meetingId?: string;
};
