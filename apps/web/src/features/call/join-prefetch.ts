import type { SignalChannel } from "@parley/webrtc-client";
import type { JoinGrant } from "@parley/protocol";

/** Younger than the signaling service's token age limit by a wide margin (tokens live 120 s by default). */
export const PREFETCH_MAX_AGE_MS = 30_000;
/** After the first name change, wait for typing to pause before minting again (the route allows 30 a minute). */
export const RETYPE_DEBOUNCE_MS = 500;

export interface JoinPrefetchDeps {
  readonly requestToken: (name: string) => Promise<JoinGrant>;
  readonly openChannel: (url: string) => SignalChannel;
  readonly now?: () => number;
}

export interface PreparedJoin {
  readonly grant: JoinGrant;
  /** Already connected (or connecting) to `grant.signalingUrl`; the caller owns it now. */
  readonly signal: SignalChannel;
}

interface Minted {
  readonly name: string;
  readonly at: number;
  readonly grant: Promise<JoinGrant>;
}

/**
 * Does the slow parts of joining while the user is still on the pre-join screen: mints the join token for the
 * name being entered and opens the signaling connection it names, so the Join click only sends `room:join`.
 * One token request at a time: a new guest's first answer sets the guest cookie, and two racing requests
 * would mint two different guest identities.
 */
export class JoinPrefetch {
  readonly #deps: JoinPrefetchDeps;
  readonly #now: () => number;
  #minted: Minted | null = null;
  #inFlight: Promise<unknown> = Promise.resolve();
  #wanted = "";
  #debounce: ReturnType<typeof setTimeout> | null = null;
  #channel: { url: string; signal: SignalChannel } | null = null;
  #disposed = false;

  constructor(deps: JoinPrefetchDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** The name in the form changed (or is known up front): mint for it now, or once typing pauses. */
  nameChanged(rawName: string): void {
    const name = rawName.trim();
    if (this.#disposed || !name || name === this.#wanted) return;
    const first = this.#wanted === "";
    this.#wanted = name;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = null;
    if (first) return void this.#mint(name);
    this.#debounce = setTimeout(() => {
      this.#debounce = null;
      if (this.#wanted === name) void this.#mint(name);
    }, RETYPE_DEBOUNCE_MS);
  }

  /** Everything needed to join as `name`: the prefetched token and connection when they fit, fresh ones otherwise. */
  async take(rawName: string): Promise<PreparedJoin> {
    const name = rawName.trim();
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = null;
    const minted = this.#minted;
    this.#minted = null;
    let grant: JoinGrant | null = null;
    if (minted && minted.name === name && this.#now() - minted.at < PREFETCH_MAX_AGE_MS) {
      grant = await minted.grant.catch(() => null);
    }
    grant ??= await this.#serialized(() => this.#deps.requestToken(name));
    return { grant, signal: this.#takeChannel(grant.signalingUrl) };
  }

  /** The page goes away (or joined): drop a connection nobody took. Safe to call twice. */
  dispose(): void {
    this.#disposed = true;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#channel?.signal.close();
    this.#channel = null;
    this.#minted = null;
  }

  #mint(name: string): Promise<void> {
    const grant = this.#serialized(() => this.#deps.requestToken(name));
    this.#minted = { name, at: this.#now(), grant };
    return grant.then(
      (g) => {
        if (!this.#disposed) this.#connect(g.signalingUrl);
      },
      () => {
        // A failed prefetch is simply fetched again on Join, where its error is shown.
      },
    );
  }

  #connect(url: string): void {
    if (this.#channel?.url === url) return;
    this.#channel?.signal.close();
    const signal = this.#deps.openChannel(url);
    signal.connect();
    this.#channel = { url, signal };
  }

  #takeChannel(url: string): SignalChannel {
    const channel = this.#channel;
    this.#channel = null;
    if (channel?.url === url) return channel.signal;
    channel?.signal.close();
    return this.#deps.openChannel(url);
  }

  #serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#inFlight.then(task, task);
    this.#inFlight = run.catch(() => undefined);
    return run;
  }
}
