import type { RsvpRefusal } from "@/features/notifications/rsvp";

/** What each refused RSVP means to the person holding the link. */
export const RSVP_REFUSALS: Record<RsvpRefusal, string> = {
  invalid_link: "This answer link is not valid. Use the link from your invitation mail as it is.",
  expired_link: "This answer link has expired. Ask the host for a new invitation.",
  not_found: "This meeting no longer exists, or you are no longer invited.",
  cancelled: "This meeting was cancelled, so there is nothing to answer.",
  invalid_answer: "Choose Accept, Maybe or Decline.",
};
