import { PROTOCOL_VERSION, type Joined, type RoomJoinResult } from "@parley/protocol";
import { CallError, type CallErrorCode } from "../errors";
import { backoffDelay, RETRY_DEFAULTS } from "../retry/backoff";
import type { CallOptions } from "./call-types";

/** Codes after which a re-join is pointless: the call is over for us. */
const FATAL_JOIN_CODES: ReadonlySet<CallErrorCode> = new Set<CallErrorCode>([
  "unauthorized",
  "token_expired",
  "forbidden",
  "not_found",
  "incompatible",
  "room_full",
  "room_locked",
  "passcode_required",
  "passcode_invalid",
  "meeting_ended",
  "meeting_cancelled",
]);

const PREFETCH_MAX_AGE_MS = 30_000;

/** What `JoinFlow` needs from its Call. */
export interface JoinFlowContext {
  readonly options: Pick<CallOptions, "signal" | "getJoinToken" | "meetingId" | "passcode" | "localMedia" | "connectTimeoutMs">;
  /** The call is over: ignore whatever comes back. */
  readonly closed: () => boolean;
  /** Still worth retrying a failed re-join. */
  readonly reconnecting: () => boolean;
  readonly onResult: (result: RoomJoinResult) => void;
  /** A re-join failed for good (fatal code, e.g. `meeting_ended` or `room_locked`). */
  readonly onRejoinFailed: (error: CallError) => void;
}

/**
 * Getting into the room and back in after a signaling drop: connect with a timeout, join with a fresh
 * token and the resume proof of the previous join, retry transient re-join failures with backoff.
 */
export class JoinFlow {
  readonly #ctx: JoinFlowContext;
  #resume: { participantId: string; resumeToken: string } | null = null;
  #joining: Promise<void> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retries = 0;
  #prefetched: { token: Promise<string>; at: number } | null = null;

  constructor(context: JoinFlowContext) {
    this.#ctx = context;
  }

  /** Resolves once the signal channel is up; rejects with `signal_timeout` after `connectTimeoutMs`. */
  connect(): Promise<void> {
    const { signal, connectTimeoutMs = 15_000 } = this.#ctx.options;
    if (signal.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(CallError.timeout(`Could not reach the signaling service within ${connectTimeoutMs} ms`));
      }, connectTimeoutMs);
      const off = signal.onConnectionChange((up) => {
        if (!up) return;
        clearTimeout(timer);
        off();
        resolve();
      });
      signal.connect();
    });
  }

  /** One join request (first join or re-join); serialized so reconnect storms do not overlap. */
  join(): Promise<void> {
    this.#joining ??= this.#join().finally(() => {
      this.#joining = null;
    });
    return this.#joining;
  }

  /** Re-join after the link came back; transient failures are retried while the call is reconnecting. */
  rejoin(): void {
    this.#clearRetry();
    this.join().catch((error: unknown) => {
      const callError = CallError.wrap(error, "server_error");
      if (FATAL_JOIN_CODES.has(callError.code)) return this.#ctx.onRejoinFailed(callError);
      // Transient (timeout, internal, rate_limited, token fetch failed, link dropped again): retry with backoff and
      // jitter while the link is up, so a whole meeting coming back at once does not re-join in lock step.
      const wait = backoffDelay(this.#retries, RETRY_DEFAULTS.token);
      this.#retries++;
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        if (this.#ctx.reconnecting() && this.#ctx.options.signal.connected) this.rejoin();
      }, wait);
    });
  }

  /** In the room: remember the proof that lets the next join resume this identity. */
  joined(joined: Joined): void {
    this.#resume = { participantId: joined.self.id, resumeToken: joined.resumeToken };
    this.#retries = 0;
  }

  stop(): void {
    this.#clearRetry();
  }

  /**
   * The link dropped: mint the next join token while the socket reconnects, so the re-join does not wait for it
   * (after a signaling restart every second counts). A failed prefetch is simply fetched again at re-join.
   */
  prefetchToken(): void {
    const token = this.#ctx.options.getJoinToken();
    token.catch(() => {});
    this.#prefetched = { token, at: Date.now() };
  }

  #takeToken(): Promise<string> {
    const prefetched = this.#prefetched;
    this.#prefetched = null;
    // Join tokens live at least a minute; an older prefetch may be close to expiry.
    if (prefetched && Date.now() - prefetched.at < PREFETCH_MAX_AGE_MS) return prefetched.token.catch(() => this.#ctx.options.getJoinToken());
    return this.#ctx.options.getJoinToken();
  }

  async #join(): Promise<void> {
    const { signal, meetingId, passcode, localMedia } = this.#ctx.options;
    const token = await this.#takeToken();
    if (this.#ctx.closed()) return;
    const media = localMedia.state;
    const result = await signal.request("room:join", {
      token,
      meetingId,
      protocolVersion: PROTOCOL_VERSION,
      media: { audioMuted: media.audioMuted, videoMuted: media.videoMuted },
      ...(passcode ? { passcode } : {}),
      ...(this.#resume ? { resume: this.#resume } : {}),
    });
    if (this.#ctx.closed()) return;
    this.#ctx.onResult(result);
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }
}
