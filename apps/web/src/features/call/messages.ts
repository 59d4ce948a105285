import type { CallErrorCode, DisconnectReason } from "@parley/webrtc-client";

const JOIN_FAILED = "Could not join the meeting. Try again.";
/** Said wherever a request could not reach signaling, or was refused for coming too often. */
const SERVER_UNREACHABLE = "Could not reach the meeting server. Check your connection and try again.";
const TOO_MANY_ATTEMPTS = "Too many attempts at once. Wait a moment and try again.";

/** What we tell people when a join fails or a call ends; never raw error text from a server. Every code has its words. */
export const JOIN_ERROR_MESSAGES: Record<CallErrorCode, string> = {
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
  rate_limited: TOO_MANY_ATTEMPTS,
  // NOTE: was keyed "timeout", a code nothing sends; closing the set of codes showed it. signal_timeout is meant.
  signal_timeout: SERVER_UNREACHABLE,
  // Codes a join does not fail with by itself: the general words.
  invalid_payload: JOIN_FAILED,
  unknown_event: JOIN_FAILED,
  not_found: JOIN_FAILED,
  not_in_room: JOIN_FAILED,
  already_joined: JOIN_FAILED,
  peer_unavailable: JOIN_FAILED,
  payload_too_large: JOIN_FAILED,
  sfu_unavailable: JOIN_FAILED,
  sfu_negotiation_failed: JOIN_FAILED,
  recording_active: JOIN_FAILED,
  not_recording: JOIN_FAILED,
  recording_unavailable: JOIN_FAILED,
  internal: JOIN_FAILED,
  permission_denied: JOIN_FAILED,
  no_device: JOIN_FAILED,
  device_in_use: JOIN_FAILED,
  constraints_unsatisfiable: JOIN_FAILED,
  media_aborted: JOIN_FAILED,
  share_cancelled: JOIN_FAILED,
  unsupported: JOIN_FAILED,
  media_failed: JOIN_FAILED,
  invalid_state: JOIN_FAILED,
  closed: JOIN_FAILED,
  invalid_argument: JOIN_FAILED,
  signal_disconnected: JOIN_FAILED,
  server_error: JOIN_FAILED,
  negotiation_failed: JOIN_FAILED,
  ice_failed: JOIN_FAILED,
  media_unreachable: JOIN_FAILED,
};

export function joinErrorMessage(code: CallErrorCode | undefined): string {
  return code ? JOIN_ERROR_MESSAGES[code] : JOIN_FAILED;
}

export const ENDED_MESSAGES: Record<DisconnectReason, { title: string; text: string }> = {
  left: { title: "You left the meeting", text: "See you next time." },
  removed_by_host: { title: "You were removed from the meeting", text: "The host removed you from this meeting. You can ask to join again." },
  blocked_by_host: { title: "You were removed from the meeting", text: "The host removed you from this meeting and you can't join it again." },
  joined_elsewhere: { title: "You joined from somewhere else", text: "You are in this meeting in another tab or on another device." },
  ended_by_host: { title: "The meeting has ended", text: "The host ended the meeting for everyone." },
  ended_by_admin: { title: "The meeting has ended", text: "An administrator of this server ended the meeting." },
  denied_by_host: { title: "You were not let in", text: "The host declined your request to join." },
  meeting_ended: { title: "The meeting has ended", text: "This meeting is over." },
  join_failed: { title: "Could not join", text: "Something went wrong while joining." },
  connection_lost: { title: "Connection lost", text: "We could not reconnect you to the meeting." },
};

const MEDIA_FAILED = "Your camera or microphone could not be started.";

/** Words for camera/microphone problems (getUserMedia), by CallError code. Every code has its words. */
export const MEDIA_ERROR_MESSAGES: Record<CallErrorCode, string> = {
  permission_denied: "Camera or microphone access is blocked. Allow it in your browser's site settings, then reload.",
  no_device: "No camera or microphone was found.",
  device_in_use: "Your camera or microphone is in use by another app.",
  constraints_unsatisfiable: "Your camera can't provide the requested video.",
  unsupported: "This browser can't do that.",
  // Not the devices, but they reach the same in-call notice.
  sfu_unavailable: "The media server is not reachable right now. Retrying…",
  sfu_negotiation_failed: "Could not connect your audio and video to the media server. Try leaving and joining again.",
  negotiation_failed: "A media connection could not be set up. Try leaving and joining again.",
  // The rest: the general words.
  media_aborted: MEDIA_FAILED,
  share_cancelled: MEDIA_FAILED,
  media_failed: MEDIA_FAILED,
  invalid_state: MEDIA_FAILED,
  closed: MEDIA_FAILED,
  invalid_argument: MEDIA_FAILED,
  signal_timeout: MEDIA_FAILED,
  signal_disconnected: MEDIA_FAILED,
  server_error: MEDIA_FAILED,
  // Automatic retries keep failing (they go on, slowly): most likely a firewall blocks the media ports.
  media_unreachable: "Can't reach the media server — check your network / firewall. Still retrying…",
  ice_failed: "Can't connect to another participant — check your network / firewall.",
  invalid_payload: MEDIA_FAILED,
  unknown_event: MEDIA_FAILED,
  unauthorized: MEDIA_FAILED,
  token_expired: MEDIA_FAILED,
  forbidden: MEDIA_FAILED,
  not_found: MEDIA_FAILED,
  not_in_room: MEDIA_FAILED,
  already_joined: MEDIA_FAILED,
  peer_unavailable: MEDIA_FAILED,
  incompatible: MEDIA_FAILED,
  room_full: MEDIA_FAILED,
  room_locked: MEDIA_FAILED,
  passcode_required: MEDIA_FAILED,
  passcode_invalid: MEDIA_FAILED,
  rate_limited: MEDIA_FAILED,
  payload_too_large: MEDIA_FAILED,
  meeting_ended: MEDIA_FAILED,
  meeting_cancelled: MEDIA_FAILED,
  recording_active: MEDIA_FAILED,
  not_recording: MEDIA_FAILED,
  recording_unavailable: MEDIA_FAILED,
  internal: MEDIA_FAILED,
};

export function mediaErrorMessage(code: CallErrorCode): string {
  return MEDIA_ERROR_MESSAGES[code];
}

/** To hosts, when someone they removed tries to come back. */
export function rejoinRefusedMessage(name: string): string {
  return `Someone you removed tried to join again (as “${name}”) and was kept out.`;
}

const HOST_ACTION_FAILED = "That did not work. Try again.";

/** Words for a refused host action (remove, end for all), by code; anything unexpected gets the general words. */
const HOST_ACTION_ERROR_MESSAGES: Partial<Record<CallErrorCode, string>> = {
  forbidden: "Only the host or a co-host can do that.",
  not_found: "That person is no longer in the meeting.",
  not_in_room: "You are no longer in this meeting.",
  rate_limited: TOO_MANY_ATTEMPTS,
  signal_timeout: SERVER_UNREACHABLE,
  signal_disconnected: SERVER_UNREACHABLE,
};

export function hostActionErrorMessage(code: CallErrorCode | undefined): string {
  return (code && HOST_ACTION_ERROR_MESSAGES[code]) ?? HOST_ACTION_FAILED;
}

const RECORDING_FAILED = "Recording could not be changed. Try again.";

/** Words for a refused `recording:start` / `recording:stop`, by code; anything unexpected gets the general words. */
const RECORDING_ERROR_MESSAGES: Partial<Record<CallErrorCode, string>> = {
  recording_unavailable: "Recording needs the media server (SFU), and this server has none configured. Ask its operator.",
  forbidden: "Only the host or a co-host can record this meeting.",
  recording_active: "This meeting is already being recorded.",
  not_recording: "This meeting is not being recorded.",
  not_in_room: "You are no longer in this meeting. Rejoin to record it.",
  rate_limited: TOO_MANY_ATTEMPTS,
  signal_timeout: SERVER_UNREACHABLE,
  signal_disconnected: SERVER_UNREACHABLE,
};

export function recordingErrorMessage(code: CallErrorCode | undefined): string {
  return (code && RECORDING_ERROR_MESSAGES[code]) ?? RECORDING_FAILED;
}

/** The chat field's counter near the limit, and its words once a draft is too long to send. */
export function chatRemainingMessage(remaining: number): string {
  if (remaining < 0) return `${(-remaining).toLocaleString("en")} over the limit`;
  return remaining === 1 ? "1 character left" : `${remaining.toLocaleString("en")} characters left`;
}

export function chatTooLongMessage(over: number, max: number): string {
  return `${over === 1 ? "1 character" : `${over.toLocaleString("en")} characters`} too many: a message can have at most ${max.toLocaleString("en")} characters. Shorten it or send it in parts.`;
}

/** The chat button's name, with what arrived while the chat was closed. */
export function chatButtonLabel(unread: number): string {
  return unread > 0 ? `Chat, ${unread} unread` : "Chat";
}
