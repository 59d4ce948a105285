import type { MediaKind, TrackSource, TrackSources } from "@parley/protocol";
import { CallError } from "../errors";
import { Emitter } from "../emitter";
import { backoffDelay, RETRY_DEFAULTS } from "../retry/backoff";
import { IceRecovery } from "./ice-recovery";
import { setSenderTrack } from "./sender-tracks";
import type { PeerConnectionHandle, PeerTransceiver } from "./peer-connection";

export type OutgoingSignal =
  | { readonly type: "description"; readonly description: RTCSessionDescriptionInit; readonly sources: TrackSources }
  | { readonly type: "candidate"; readonly candidate: RTCIceCandidateInit };

export interface RemoteTrackInfo {
  readonly source: TrackSource;
  readonly track: MediaStreamTrack;
  readonly mid: string;
}

export type PeerSessionEvents = {
  trackAdded: (track: RemoteTrackInfo) => void;
  trackRemoved: (track: RemoteTrackInfo) => void;
  connectionStateChanged: (state: RTCPeerConnectionState) => void;
  error: (error: CallError) => void;
};

export interface PeerSessionOptions {
  readonly remoteId: string;
  /** The polite peer yields (rolls back its own offer) when both sides offer at once. */
  readonly polite: boolean;
  readonly pc: PeerConnectionHandle;
  readonly send: (signal: OutgoingSignal) => void;
  /** Tracks to send from the start; missing entries send nothing yet. */
  readonly initialTracks?: Partial<Record<TrackSource, MediaStreamTrack | null>>;
  /** How long a connection may stay `disconnected` before we restart ICE. */
  readonly disconnectedRestartMs?: number;
  /** How long to wait for an ICE restart to succeed before trying again. */
  readonly restartRetryMs?: number;
  /** How long a negotiated connection may stay `new` (ICE never started) before the impolite side restarts ICE. */
  readonly stalledRestartMs?: number;
  readonly maxRestartAttempts?: number;
}

/** An SDP's `o=` line: a re-sent offer keeps its session and version, every new offer raises the version. */
function sdpOrigin(sdp: string | undefined): { session: string; version: bigint } | null {
  const match = /^o=\S+ (\d+) (\d+) /m.exec(sdp ?? "");
  return match ? { session: match[1]!, version: BigInt(match[2]!) } : null;
}

/** How often one offer is sent again while its answer does not come (then ICE recovery and reconnects take over). */
const MAX_OFFER_RESENDS = 5;

const SOURCE_KIND: Record<TrackSource, MediaKind> = { microphone: "audio", camera: "video", screen: "video" };

/**
 * One media session with one remote participant, negotiated with the "perfect negotiation" pattern
 * (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): either side may offer at any time,
 * the impolite side ignores a colliding offer, the polite side rolls back its own.
 *
 * The side that opens the connection (the impolite one, normally the member already in the room) offers
 * `sendrecv` microphone and camera transceivers; the polite side adopts them when it answers that first offer
 * (replaceTrack with its own tracks, direction `sendrecv`), so both sides' camera and mic travel in ONE
 * offer/answer: no second round trip for the newcomer's initial media. A screen share gets its own `sendonly`
 * transceiver on either side (renegotiates). Each side's `sources` map (mid → source), sent with each
 * description, tells the receiver which of the m-lines it sends on carry which source. We rely on that map
 * rather than MediaStream ids or m-line order because mids are stable for the life of the connection,
 * survive rollbacks and ICE restarts, and mean the same on both sides.
 */
export class PeerSession extends Emitter<PeerSessionEvents> {
  readonly remoteId: string;
  readonly polite: boolean;
  readonly #pc: PeerConnectionHandle;
  readonly #send: (signal: OutgoingSignal) => void;
  readonly #senders = new Map<TrackSource, PeerTransceiver>();
  readonly #unsubscribe: (() => void)[] = [];
  readonly #pendingCandidates: RTCIceCandidateInit[] = [];
  readonly #remoteTracks = new Map<string, RemoteTrackInfo>();
  readonly #ice: IceRecovery;
  /** What we send per source; the polite side keeps it until it adopts the first offer's transceivers. */
  readonly #localTracks = new Map<TrackSource, MediaStreamTrack | null>();

  #makingOffer = false;
  #ignoreOffer = false;
  #settingRemoteAnswerPending = false;
  #incoming: Promise<void> = Promise.resolve();
  #remoteSources: TrackSources = {};
  #closed = false;
  /** Counts the offers we made; the answer watchdog only resends the offer it was armed for. */
  #offerGeneration = 0;
  #answerTimer: ReturnType<typeof setTimeout> | null = null;
  #answerWaits = 0;
  /** The last offer we answered (its `o=` session and version) and the answer we sent for it. */
  #answered: { session: string; version: bigint; answer: OutgoingSignal } | null = null;

  constructor(options: PeerSessionOptions) {
    super();
    this.remoteId = options.remoteId;
    this.polite = options.polite;
    this.#pc = options.pc;
    this.#send = options.send;
    this.#ice = new IceRecovery({ ...options, onError: (error) => this.emit("error", error) });

    this.#unsubscribe.push(
      this.#pc.on("negotiationneeded", () => void this.#onNegotiationNeeded()),
      this.#pc.on("icecandidate", (candidate) => {
        if (candidate && !this.#closed) this.#send({ type: "candidate", candidate });
      }),
      this.#pc.on("connectionstatechange", (state) => this.#onConnectionState(state)),
    );

    for (const source of ["microphone", "camera", "screen"] as const) this.#localTracks.set(source, options.initialTracks?.[source] ?? null);
    // Microphone and camera transceivers always exist, even with no track, so that later unmute / camera-on /
    // device switches are a replaceTrack with no renegotiation. The polite side waits for the first offer and
    // sends on its transceivers (#adoptOfferedSenders); the opener creates them, sendrecv so that the answer
    // may send on them too.
    if (!this.polite) this.#addOwnSenders("sendrecv");
    const screen = options.initialTracks?.screen;
    if (screen) this.#senders.set("screen", this.#pc.addTransceiver("video", { direction: "sendonly", track: screen }));
  }

  get connectionState(): RTCPeerConnectionState {
    return this.#pc.connectionState;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Tracks the remote side currently sends, keyed by mid. */
  get remoteTracks(): readonly RemoteTrackInfo[] {
    return [...this.#remoteTracks.values()];
  }

  /**
   * Send `track` for `source`. Microphone and camera never renegotiate (replaceTrack); the screen
   * source adds or re-activates its own transceiver, which does renegotiate, and `null` deactivates it.
   */
  async setTrack(source: TrackSource, track: MediaStreamTrack | null): Promise<void> {
    this.#assertOpen();
    this.#localTracks.set(source, track);
    await setSenderTrack(this.#senders, this.#pc, source, track);
  }

  /** Apply a description from the remote side (offer or answer) with its sender's source map. */
  handleDescription(description: RTCSessionDescriptionInit, sources: TrackSources): Promise<void> {
    return this.#enqueue(() => this.#applyDescription(description, sources));
  }

  /** Apply a trickled remote ICE candidate; queued until a remote description exists. */
  handleCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    return this.#enqueue(async () => {
      if (!this.#pc.remoteDescription) {
        this.#pendingCandidates.push(candidate);
        return;
      }
      await this.#addCandidate(candidate);
    });
  }

  /** Force an ICE restart (e.g. after the signaling connection came back). */
  /** Fresh ICE servers (TURN credentials) for the next gathering. */
  setIceServers(servers: readonly RTCIceServer[]): void {
    this.#pc.setIceServers(servers);
  }

  restartIce(): void {
    if (!this.#closed) this.#ice.restart();
  }

  /**
   * The signaling link was down for a while: messages may have been lost. Resend an offer still
   * waiting for its answer, and restart ICE where candidates may have gone missing.
   */
  recover(): void {
    if (this.#closed) return;
    if (this.resendPendingOffer()) return;
    const state = this.#pc.connectionState;
    if (this.#pc.remoteDescription && state !== "connected" && state !== "new") this.restartIce();
  }

  /** Send our offer again if it is still waiting for an answer (it may have been lost); true if sent. */
  resendPendingOffer(): boolean {
    if (this.#closed || this.#pc.signalingState !== "have-local-offer") return false;
    this.#sendLocalDescription();
    return true;
  }

  getStats(): Promise<RTCStatsReport> {
    this.#assertOpen();
    return this.#pc.getStats();
  }

  /** Stop everything; safe to call more than once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ice.stop();
    this.#stopAnswerWatch();
    for (const off of this.#unsubscribe) off();
    this.#pc.close();
    for (const track of this.#remoteTracks.values()) this.emit("trackRemoved", track);
    this.#remoteTracks.clear();
    this.removeAllListeners();
  }

  async #onNegotiationNeeded(): Promise<void> {
    // NOTE: the polite side lets the impolite side open the connection. In Chromium, a polite side whose very
    // first offer is rolled back by a colliding one may never gather ICE candidates on that connection, not
    // even after ICE restarts, so setup glare is avoided; our microphone and camera ride in the answer to that
    // first offer (#adoptOfferedSenders). Later glare is harmless.
    if (this.#closed || (this.polite && !this.#pc.remoteDescription)) return;
    try {
      this.#makingOffer = true;
      await this.#pc.setLocalDescription();
      this.#offerGeneration++;
      this.#answerWaits = 0;
      this.#sendLocalDescription();
    } catch (error) {
      if (!this.#closed) this.emit("error", CallError.negotiation(error));
    } finally {
      this.#makingOffer = false;
    }
  }

  async #applyDescription(description: RTCSessionDescriptionInit, sources: TrackSources): Promise<void> {
    if (this.#closed) return;
    const origin = description.type === "offer" ? sdpOrigin(description.sdp) : null;
    const answered = this.#answered;
    if (origin && answered && origin.session === answered.session && origin.version <= answered.version) {
      // The offer we already answered, sent again by its sender's answer watchdog (our answer was lost or is still
      // on its way), or an older one: repeat our answer, never roll back our own offer for it (in Chromium a polite
      // side whose first offer is rolled back may never gather candidates on that connection).
      if (origin.version === answered.version) this.#send(answered.answer);
      return;
    }
    const readyForOffer =
      !this.#makingOffer && (this.#pc.signalingState === "stable" || this.#settingRemoteAnswerPending);
    const offerCollision = description.type === "offer" && !readyForOffer;
    this.#ignoreOffer = !this.polite && offerCollision;
    if (this.#ignoreOffer) return;
    // An answer that arrives when we have no offer out is stale (e.g. the answer to an offer we rolled back).
    if (description.type === "answer" && this.#pc.signalingState !== "have-local-offer") return;

    try {
      this.#settingRemoteAnswerPending = description.type === "answer";
      await this.#pc.setRemoteDescription(description); // a colliding offer triggers implicit rollback
      this.#settingRemoteAnswerPending = false;
      if (this.#closed) return;
      this.#updateRemoteTracks(sources);
      if (description.type === "offer") {
        await this.#adoptOfferedSenders(sources);
        await this.#pc.setLocalDescription();
        const answer = this.#pc.localDescription;
        if (origin && answer) this.#answered = { ...origin, answer: { type: "description", description: answer, sources: this.#localSources() } };
        this.#sendLocalDescription();
      }
      await this.#flushCandidates();
      this.#ice.negotiated();
    } catch (error) {
      this.#settingRemoteAnswerPending = false;
      if (!this.#closed) this.emit("error", CallError.negotiation(error));
    }
  }

  /**
   * The first offer on the polite side: send our microphone and camera on the m-lines the opener offered for its
   * own (the answer then carries both directions), instead of adding m-lines of our own that would need a second
   * offer/answer. An offer without them (not expected from this engine) gets our own sendonly transceivers, which
   * renegotiate once this exchange is done.
   */
  async #adoptOfferedSenders(remoteSources: TrackSources): Promise<void> {
    if (this.#senders.has("microphone") && this.#senders.has("camera")) return;
    const byMid = new Map(this.#pc.getTransceivers().map((t) => [t.mid, t] as const));
    for (const source of ["microphone", "camera"] as const) {
      const mid = Object.keys(remoteSources).find((m) => remoteSources[m] === source);
      const transceiver = mid === undefined ? undefined : byMid.get(mid);
      if (!transceiver || transceiver.kind !== SOURCE_KIND[source]) continue;
      await transceiver.sender.replaceTrack(this.#localTracks.get(source) ?? null);
      transceiver.direction = "sendrecv";
      this.#senders.set(source, transceiver);
    }
    this.#addOwnSenders("sendonly");
  }

  /** Microphone and camera transceivers of our own, for the sources that have none yet. */
  #addOwnSenders(direction: RTCRtpTransceiverDirection): void {
    for (const source of ["microphone", "camera"] as const) {
      if (this.#senders.has(source)) continue;
      const track = this.#localTracks.get(source) ?? null;
      this.#senders.set(source, this.#pc.addTransceiver(SOURCE_KIND[source], { direction, track }));
    }
  }

  #sendLocalDescription(): void {
    const description = this.#pc.localDescription;
    if (!description || this.#closed) return;
    this.#send({ type: "description", description, sources: this.#localSources() });
    this.#watchForAnswer();
  }

  /**
   * An offer out with no answer coming back leaves this pair stuck: the offer or its answer was lost (a signaling
   * restart drops what is in flight), and an impolite peer that is itself waiting ignores our next offer. While the
   * same offer is still pending, send it again with backoff: a peer that already answered simply answers again
   * (an answer arriving when we are stable is dropped as stale).
   */
  #watchForAnswer(): void {
    this.#stopAnswerWatch();
    if (this.#pc.signalingState !== "have-local-offer") return;
    if (this.#answerWaits >= MAX_OFFER_RESENDS) return;
    const generation = this.#offerGeneration;
    this.#answerTimer = setTimeout(() => {
      this.#answerTimer = null;
      if (this.#closed || this.#offerGeneration !== generation || this.#pc.signalingState !== "have-local-offer") return;
      this.#answerWaits++;
      this.#sendLocalDescription();
    }, backoffDelay(this.#answerWaits, RETRY_DEFAULTS.answerWait));
  }

  #stopAnswerWatch(): void {
    if (this.#answerTimer) clearTimeout(this.#answerTimer);
    this.#answerTimer = null;
  }

  #localSources(): TrackSources {
    const sources: TrackSources = {};
    for (const [source, transceiver] of this.#senders) {
      if (transceiver.mid !== null && transceiver.direction !== "inactive") sources[transceiver.mid] = source;
    }
    return sources;
  }

  #updateRemoteTracks(sources: TrackSources): void {
    this.#remoteSources = sources;
    const byMid = new Map(this.#pc.getTransceivers().map((t) => [t.mid, t] as const));
    for (const [mid, info] of [...this.#remoteTracks]) {
      if (this.#remoteSources[mid] !== info.source) {
        this.#remoteTracks.delete(mid);
        this.emit("trackRemoved", info);
      }
    }
    for (const [mid, source] of Object.entries(this.#remoteSources)) {
      if (this.#remoteTracks.has(mid)) continue;
      const transceiver = byMid.get(mid);
      if (!transceiver || transceiver.kind !== SOURCE_KIND[source]) continue;
      const info: RemoteTrackInfo = { source, track: transceiver.receiverTrack, mid };
      this.#remoteTracks.set(mid, info);
      this.emit("trackAdded", info);
    }
  }

  async #flushCandidates(): Promise<void> {
    while (this.#pendingCandidates.length > 0 && this.#pc.remoteDescription) {
      const candidate = this.#pendingCandidates.shift();
      if (candidate) await this.#addCandidate(candidate);
    }
  }

  async #addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.#pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates of an offer we ignored, or of an ICE generation that was restarted, are expected to fail.
      if (this.#ignoreOffer || isStaleCandidateError(error) || this.#closed) return;
      this.emit("error", new CallError("negotiation_failed", "Could not apply a remote ICE candidate", error));
    }
  }

  #onConnectionState(state: RTCPeerConnectionState): void {
    if (this.#closed) return;
    this.emit("connectionStateChanged", state);
    this.#ice.onConnectionState(state);
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    // Remote messages are applied strictly in arrival order; one failing never blocks the next.
    const run = this.#incoming.then(task, task);
    this.#incoming = run.catch(() => undefined);
    return run;
  }

  #assertOpen(): void {
    if (this.#closed) throw CallError.closed("peer session");
  }
}

function isStaleCandidateError(error: unknown): boolean {
  return error instanceof Error && error.name === "OperationError";
}
