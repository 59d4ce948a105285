import type { CallErrorCode, DisconnectReason } from "@parley/webrtc-client";
import type { createTranslator } from "next-intl";
import { nameErrorKey } from "@/i18n/name-error";
import type messages from "../../../messages/en.json";

/** The "callMessages" part of the catalogue (useTranslations("callMessages") in a component). */
export type CallTranslator = ReturnType<typeof createTranslator<typeof messages, "callMessages">>;

type JoinKey = keyof (typeof messages)["callMessages"]["join"];
type MediaKey = keyof (typeof messages)["callMessages"]["media"];

/** What we tell people when a join fails or a call ends; never raw error text from a server. Every code has its words. */
export const JOIN_ERROR_MESSAGES: Record<CallErrorCode, JoinKey> = {
  room_full: "room_full",
  room_locked: "room_locked",
  passcode_required: "passcode_required",
  passcode_invalid: "passcode_invalid",
  meeting_ended: "meeting_ended",
  meeting_cancelled: "meeting_cancelled",
  incompatible: "incompatible",
  token_expired: "token_expired",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  rate_limited: "tooManyAttempts",
  // NOTE: was keyed "timeout", a code nothing sends; closing the set of codes showed it. signal_timeout is meant.
  signal_timeout: "serverUnreachable",
  // Codes a join does not fail with by itself: the general words.
  invalid_payload: "failed",
  unknown_event: "failed",
  not_found: "failed",
  not_in_room: "failed",
  already_joined: "failed",
  peer_unavailable: "failed",
  payload_too_large: "failed",
  sfu_unavailable: "failed",
  sfu_negotiation_failed: "failed",
  recording_active: "failed",
  not_recording: "failed",
  recording_unavailable: "failed",
  internal: "failed",
  permission_denied: "failed",
  no_device: "failed",
  device_in_use: "failed",
  constraints_unsatisfiable: "failed",
  media_aborted: "failed",
  share_cancelled: "failed",
  unsupported: "failed",
  media_failed: "failed",
  invalid_state: "failed",
  closed: "failed",
  invalid_argument: "failed",
  signal_disconnected: "failed",
  server_error: "failed",
  negotiation_failed: "failed",
  ice_failed: "failed",
  media_unreachable: "failed",
};

export function joinErrorMessage(t: CallTranslator, code: CallErrorCode | undefined): string {
  return t(`join.${code ? JOIN_ERROR_MESSAGES[code] : "failed"}`);
}

/** The ending screen's title and text for why the call ended. */
export function endedMessage(t: CallTranslator, reason: DisconnectReason): { title: string; text: string } {
  return { title: t(`ended.${reason}.title`), text: t(`ended.${reason}.text`) };
}

/** Words for camera/microphone problems (getUserMedia), by CallError code. Every code has its words. */
export const MEDIA_ERROR_MESSAGES: Record<CallErrorCode, MediaKey> = {
  permission_denied: "permission_denied",
  no_device: "no_device",
  device_in_use: "device_in_use",
  constraints_unsatisfiable: "constraints_unsatisfiable",
  unsupported: "unsupported",
  // Not the devices, but they reach the same in-call notice.
  sfu_unavailable: "sfu_unavailable",
  sfu_negotiation_failed: "sfu_negotiation_failed",
  negotiation_failed: "negotiation_failed",
  // The rest: the general words.
  media_aborted: "failed",
  share_cancelled: "failed",
  media_failed: "failed",
  invalid_state: "failed",
  closed: "failed",
  invalid_argument: "failed",
  signal_timeout: "failed",
  signal_disconnected: "failed",
  server_error: "failed",
  // Automatic retries keep failing (they go on, slowly): most likely a firewall blocks the media ports.
  media_unreachable: "media_unreachable",
  ice_failed: "ice_failed",
  invalid_payload: "failed",
  unknown_event: "failed",
  unauthorized: "failed",
  token_expired: "failed",
  forbidden: "failed",
  not_found: "failed",
  not_in_room: "failed",
  already_joined: "failed",
  peer_unavailable: "failed",
  incompatible: "failed",
  room_full: "failed",
  room_locked: "failed",
  passcode_required: "failed",
  passcode_invalid: "failed",
  rate_limited: "failed",
  payload_too_large: "failed",
  meeting_ended: "failed",
  meeting_cancelled: "failed",
  recording_active: "failed",
  not_recording: "failed",
  recording_unavailable: "failed",
  internal: "failed",
};

export function mediaErrorMessage(t: CallTranslator, code: CallErrorCode): string {
  return t(`media.${MEDIA_ERROR_MESSAGES[code]}`);
}

/** To hosts, when someone they removed tries to come back. */
export function rejoinRefusedMessage(t: CallTranslator, name: string): string {
  return t("rejoinRefused", { name });
}

/** Words for a refused host action (remove, end for all), by code; anything unexpected gets the general words. */
const HOST_ACTION_ERROR_MESSAGES: Partial<Record<CallErrorCode, keyof (typeof messages)["callMessages"]["hostAction"]>> = {
  forbidden: "forbidden",
  not_found: "not_found",
  not_in_room: "not_in_room",
  rate_limited: "tooManyAttempts",
  signal_timeout: "serverUnreachable",
  signal_disconnected: "serverUnreachable",
};

export function hostActionErrorMessage(t: CallTranslator, code: CallErrorCode | undefined): string {
  return t(`hostAction.${(code && HOST_ACTION_ERROR_MESSAGES[code]) ?? "failed"}`);
}

/** Words for a refused `recording:start` / `recording:stop`, by code; anything unexpected gets the general words. */
const RECORDING_ERROR_MESSAGES: Partial<Record<CallErrorCode, keyof (typeof messages)["callMessages"]["recording"]>> = {
  recording_unavailable: "recording_unavailable",
  forbidden: "forbidden",
  recording_active: "recording_active",
  not_recording: "not_recording",
  not_in_room: "not_in_room",
  rate_limited: "tooManyAttempts",
  signal_timeout: "serverUnreachable",
  signal_disconnected: "serverUnreachable",
};

export function recordingErrorMessage(t: CallTranslator, code: CallErrorCode | undefined): string {
  return t(`recording.${(code && RECORDING_ERROR_MESSAGES[code]) ?? "failed"}`);
}

/** The chat field's counter near the limit, and its words once a draft is too long to send. */
export function chatRemainingMessage(t: CallTranslator, remaining: number): string {
  return remaining < 0 ? t("chatOver", { over: -remaining }) : t("chatRemaining", { remaining });
}

export function chatTooLongMessage(t: CallTranslator, over: number, max: number): string {
  return t("chatTooLong", { over, max });
}

/** The chat button's name, with what arrived while the chat was closed. */
export function chatButtonLabel(t: CallTranslator, unread: number): string {
  return unread > 0 ? t("chatButtonUnread", { unread }) : t("chatButton");
}

/**
 * Words for a refused join token (POST /api/m/<slug>/join-token), by its code: the server's English message is for
 * logs and API clients, people read it in their language. A refused name says which name rule it broke.
 */
export function joinTokenRefusalMessage(t: CallTranslator, code: string, serverMessage: string): string {
  switch (code) {
    case "not_found":
      return t("join.linkInvalid");
    case "meeting_cancelled":
      return t("join.meeting_cancelled");
    case "rate_limited":
      return t("join.tooManyAttempts");
    case "invalid_payload":
      return t(`names.${nameErrorKey(serverMessage)}`);
    default:
      return t("join.failed");
  }
}

/** Words for any other refused call action (mute, admit, lock, share …): the device's words if it was a device. */
export function actionErrorMessage(t: CallTranslator, code: CallErrorCode | undefined): string {
  if (code && MEDIA_ERROR_MESSAGES[code] !== "failed") return mediaErrorMessage(t, code);
  return hostActionErrorMessage(t, code);
}
