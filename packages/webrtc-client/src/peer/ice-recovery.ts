import { CallError } from "../errors";
import { backoffDelay, RETRY_DEFAULTS } from "../retry/backoff";
import type { PeerConnectionHandle } from "./peer-connection";

export interface IceRecoveryOptions {
  readonly pc: PeerConnectionHandle;
  readonly remoteId: string;
  /** Only the impolite side restarts a stalled connection, so the two sides do not collide. */
  readonly polite: boolean;
  readonly onError: (error: CallError) => void;
  /** How long a connection may stay `disconnected` before we restart ICE (default 3000 ms). */
  readonly disconnectedRestartMs?: number;
  /**
   * How long to wait for the first ICE restart to succeed before trying again (default 8000 ms); each further wait
   * doubles (with jitter) up to 30 s.
   */
  readonly restartRetryMs?: number;
  /** [0, 1) for the jitter; injectable for tests. */
  readonly random?: () => number;
  /** How long a negotiated connection may stay `new` before the impolite side restarts ICE (default 5000 ms). */
  readonly stalledRestartMs?: number;
  readonly maxRestartAttempts?: number;
}

/** Decides when one peer connection needs an ICE restart: failed, disconnected for too long, or stalled in `new`. */
export class IceRecovery {
  readonly #options: IceRecoveryOptions;
  readonly #pc: PeerConnectionHandle;
  #disconnectedTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #stalledTimer: ReturnType<typeof setTimeout> | null = null;
  #attempts = 0;
  #stopped = false;

  constructor(options: IceRecoveryOptions) {
    this.#options = options;
    this.#pc = options.pc;
  }

  /** Restart ICE now, and again later if it did not help. */
  restart(): void {
    if (this.#stopped) return;
    this.#pc.restartIce();
    this.#clear("retry");
    const baseMs = this.#options.restartRetryMs ?? 8000;
    const wait = backoffDelay(Math.max(0, this.#attempts - 1), {
      baseMs,
      maxMs: Math.max(baseMs, RETRY_DEFAULTS.iceRestart.maxMs),
      ...(this.#options.random ? { random: this.#options.random } : {}),
    });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      const state = this.#pc.connectionState;
      if (state === "failed" || state === "disconnected") this.#tryRestart();
    }, wait);
  }

  onConnectionState(state: RTCPeerConnectionState): void {
    if (this.#stopped) return;
    if (state === "connected") {
      this.#attempts = 0;
      this.stop(false);
    } else if (state === "failed") {
      this.#clear("disconnected");
      this.#tryRestart();
    } else if (state === "disconnected") {
      // NOTE: "disconnected" often heals by itself within a second or two (brief packet loss); restart only if it lingers.
      this.#clear("disconnected");
      this.#disconnectedTimer = setTimeout(() => {
        this.#disconnectedTimer = null;
        if (this.#pc.connectionState === "disconnected" || this.#pc.connectionState === "failed") this.#tryRestart();
      }, this.#options.disconnectedRestartMs ?? 3000);
    }
  }

  /**
   * A negotiation completed. NOTE: Chromium sometimes never starts ICE on a freshly negotiated connection
   * (gathering that churn during glare interrupted is not resumed), and such a connection stays "new" for good
   * rather than failing. Fresh credentials fix it. A restart's own negotiation arms this again.
   */
  negotiated(): void {
    if (this.#options.polite || this.#stalledTimer || this.#stopped) return;
    if (this.#pc.signalingState !== "stable" || this.#pc.connectionState !== "new") return;
    this.#stalledTimer = setTimeout(() => {
      this.#stalledTimer = null;
      if (this.#pc.connectionState === "new" && this.#pc.signalingState === "stable") this.#tryRestart();
    }, this.#options.stalledRestartMs ?? 5000);
  }

  /** Cancel every pending restart (for good unless `final` is false). */
  stop(final = true): void {
    if (final) this.#stopped = true;
    this.#clear("disconnected");
    this.#clear("retry");
    this.#clear("stalled");
  }

  #tryRestart(): void {
    if (this.#stopped) return;
    if (this.#attempts >= (this.#options.maxRestartAttempts ?? 5)) {
      this.#options.onError(new CallError("ice_failed", `Media connection to ${this.#options.remoteId} could not be restored`));
      return;
    }
    this.#attempts++;
    this.restart();
  }

  #clear(timer: "disconnected" | "retry" | "stalled"): void {
    const handle = timer === "disconnected" ? this.#disconnectedTimer : timer === "retry" ? this.#retryTimer : this.#stalledTimer;
    if (handle) clearTimeout(handle);
    if (timer === "disconnected") this.#disconnectedTimer = null;
    else if (timer === "retry") this.#retryTimer = null;
    else this.#stalledTimer = null;
  }
}
