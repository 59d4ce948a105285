import type { IceServer } from "@parley/protocol";
import { backoffDelay, RETRY_DEFAULTS } from "../retry/backoff";
import type { SignalChannel } from "../signal/signal-channel";

export interface IceRefresherContext {
  readonly signal: Pick<SignalChannel, "request">;
  /** Fresh servers arrived: use them for new connections and ICE restarts. */
  readonly apply: (servers: readonly IceServer[]) => void;
  /** [0, 1) for the retry jitter; injectable for tests. */
  readonly random?: () => number;
}

/**
 * Keeps the TURN credentials valid for the life of a call: they last minutes (TURN_TTL_SECONDS), a call hours.
 * Renews at 80 % of their lifetime; a failed renewal is retried with backoff (a re-join brings fresh ones anyway).
 */
export class IceRefresher {
  readonly #ctx: IceRefresherContext;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  #stopped = false;

  constructor(context: IceRefresherContext) {
    this.#ctx = context;
  }

  /** Credentials were just issued that expire in `expiresInSeconds` (null or undefined: they never do). */
  schedule(expiresInSeconds: number | null | undefined): void {
    this.#clear();
    this.#failures = 0;
    if (this.#stopped || !expiresInSeconds) return;
    this.#timer = setTimeout(() => void this.#refresh(), expiresInSeconds * 0.8 * 1000);
  }

  stop(): void {
    this.#stopped = true;
    this.#clear();
  }

  async #refresh(): Promise<void> {
    this.#timer = null;
    try {
      const { iceServers, expiresInSeconds } = await this.#ctx.signal.request("ice:refresh", {});
      if (this.#stopped) return;
      this.#ctx.apply(iceServers);
      this.schedule(expiresInSeconds);
    } catch {
      if (this.#stopped) return;
      const wait = backoffDelay(this.#failures++, { ...RETRY_DEFAULTS.iceRefresh, ...(this.#ctx.random ? { random: this.#ctx.random } : {}) });
      this.#timer = setTimeout(() => void this.#refresh(), wait);
    }
  }

  #clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
