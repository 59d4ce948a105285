import type { CallErrorCode, DisconnectReason } from "@parley/webrtc-client";

/** What we tell people when a join fails or a call ends; never raw error text from a server. */
export const JOIN_ERROR_MESSAGES: Partial<Record<CallErrorCode | string, string>> = {
  room_full: "This meeting is full. Try again later or ask the host to make room.",
  room_locked: "The host has locked this meeting. Ask them to unlock it.",
  passcode_required: "This meeting needs a passcode.",
  passcode_invalid: "That passcode is not right. Check it and try again.",
  meeting_ended: "The host has ended this meeting. You can join again once a host starts it.",
  meeting_cancelled: "This meeting was cancelled.",
  incompatible: "Your page is out of date. Reload to join.",
  token_expired: "Your join link expired. Reload the page to join.",
  unauthorized: "You are not allowed to join this meeting.",
  forbidden: "You can't join this meeting again.",
  rate_limited: "Too many attempts at once. Wait a moment and try again.",
  timeout: "Could not reach the meeting server. Check your connection and try again.",
};

export function joinErrorMessage(code: string | undefined): string {
  return (code && JOIN_ERROR_MESSAGES[code]) || "Could not join the meeting. Try again.";
}

export const ENDED_MESSAGES: Record<DisconnectReason, { title: string; text: string }> = {
  left: { title: "You left the meeting", text: "See you next time." },
  removed_by_host: { title: "You were removed from the meeting", text: "The host removed you from this meeting." },
  joined_elsewhere: { title: "You joined from somewhere else", text: "You are in this meeting in another tab or on another device." },
  ended_by_host: { title: "The meeting has ended", text: "The host ended the meeting for everyone." },
  denied_by_host: { title: "You were not let in", text: "The host declined your request to join." },
  meeting_ended: { title: "The meeting has ended", text: "This meeting is over." },
  join_failed: { title: "Could not join", text: "Something went wrong while joining." },
  connection_lost: { title: "Connection lost", text: "We could not reconnect you to the meeting." },
};

/** Words for camera/microphone problems (getUserMedia), by CallError code. */
export const MEDIA_ERROR_MESSAGES: Partial<Record<CallErrorCode | string, string>> = {
  permission_denied: "Camera or microphone access is blocked. Allow it in your browser's site settings, then reload.",
  no_device: "No camera or microphone was found.",
  device_in_use: "Your camera or microphone is in use by another app.",
  constraints_unsatisfiable: "Your camera can't provide the requested video.",
  unsupported: "This browser can't do that.",
  // Not the devices, but they reach the same in-call notice.
  sfu_unavailable: "The media server is not reachable right now. Retrying…",
  sfu_negotiation_failed: "Could not connect your audio and video to the media server. Try leaving and joining again.",
  negotiation_failed: "A media connection could not be set up. Try leaving and joining again.",
  // Automatic retries keep failing (they go on, slowly): most likely a firewall blocks the media ports.
  media_unreachable: "Can't reach the media server — check your network / firewall. Still retrying…",
  ice_failed: "Can't connect to another participant — check your network / firewall.",
};

export function mediaErrorMessage(code: string): string {
  return MEDIA_ERROR_MESSAGES[code] ?? "Your camera or microphone could not be started.";
}

/** To hosts, when someone they removed tries to come back. */
export function rejoinRefusedMessage(name: string): string {
  return `Someone you removed tried to join again (as “${name}”) and was kept out.`;
}
