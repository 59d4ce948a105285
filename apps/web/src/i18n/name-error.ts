import { NAME_MESSAGES } from "@parley/protocol";

/** The catalogue key (namespace "names") for a display-name rule the protocol's schema reported in English. */
export function nameErrorKey(message: string | undefined): "empty" | "tooLong" | "unclean" {
  if (message === NAME_MESSAGES.tooLong) return "tooLong";
  if (message === NAME_MESSAGES.unclean) return "unclean";
  return "empty";
}
