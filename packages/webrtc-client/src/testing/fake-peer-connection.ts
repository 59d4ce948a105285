import type { MediaKind } from "@parley/protocol";
import type {
  PeerConnectionEvents,
  PeerConnectionHandle,
  PeerTransceiver,
} from "../peer/peer-connection";
import { FakeTrack } from "./fake-media";

/**
 * An in-memory RTCPeerConnection that follows the JSEP state machine closely enough to exercise
 * perfect negotiation: offers/answers, implicit and explicit rollback, mids, negotiation-needed,
 * ICE ufrags (restart), candidates that require a remote description, and `track` events.
 * SDP is JSON so tests can read it.
 */
interface FakeMedia {
  mid: string;
  kind: MediaKind;
  direction: RTCRtpTransceiverDirection;
}
interface FakeSdp {
  ufrag: string;
  media: FakeMedia[];
}

let nextPcId = 1;

class FakeTransceiver implements PeerTransceiver {
  mid: string | null = null;
  direction: RTCRtpTransceiverDirection;
  /** The direction this side last put in a local description for this m-line. */
  negotiatedDirection: RTCRtpTransceiverDirection | null = null;
  receiving = false;
  readonly receiverTrack: MediaStreamTrack;
  readonly sender: { track: MediaStreamTrack | null; replaceTrack(track: MediaStreamTrack | null): Promise<void> };
  constructor(
    readonly kind: MediaKind,
    direction: RTCRtpTransceiverDirection,
    track: MediaStreamTrack | null,
    private readonly onChange: () => void,
  ) {
    this.direction = direction;
    this.receiverTrack = new FakeTrack(kind).asTrack();
    const sender = {
      track,
      replaceTrack: async (next: MediaStreamTrack | null) => {
        sender.track = next;
      },
    };
    this.sender = sender;
  }
  setDirection(direction: RTCRtpTransceiverDirection): void {
    this.direction = direction;
    this.onChange();
  }
}

const sends = (d: RTCRtpTransceiverDirection | null): boolean => d === "sendonly" || d === "sendrecv";
const receives = (d: RTCRtpTransceiverDirection | null): boolean => d === "recvonly" || d === "sendrecv";
function answerDirection(mine: RTCRtpTransceiverDirection, theirs: RTCRtpTransceiverDirection): RTCRtpTransceiverDirection {
  const send = sends(mine) && receives(theirs);
  const recv = receives(mine) && sends(theirs);
  return send && recv ? "sendrecv" : send ? "sendonly" : recv ? "recvonly" : "inactive";
}

export class FakePeerConnection implements PeerConnectionHandle {
  readonly id = nextPcId++;
  signalingState: RTCSignalingState = "stable";
  connectionState: RTCPeerConnectionState = "new";
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly addedCandidates: RTCIceCandidateInit[] = [];
  readonly log: string[] = [];
  rollbacks = 0;
  restartIceCalls = 0;
  stats: RTCStatsReport = new Map() as unknown as RTCStatsReport;
  closed = false;
  /** When false, the fake never becomes "connected" on its own (tests drive it). */
  autoConnect = true;
  /** How long ICE gathering takes after setLocalDescription (fake ms). */
  gatherDelayMs = 0;
  /**
   * Chromium's behaviour: an implicit rollback that interrupts ICE gathering stops it for good (until the
   * credentials change), so the connection stays "new".
   */
  rollbackStopsGathering = false;

  readonly #transceivers: FakeTransceiver[] = [];
  readonly #listeners: { [K in keyof PeerConnectionEvents]: Set<PeerConnectionEvents[K]> } = {
    negotiationneeded: new Set(),
    icecandidate: new Set(),
    connectionstatechange: new Set(),
    track: new Set(),
  };
  #ufrag = this.#newUfrag();
  readonly #sdpSession = String(Math.floor(Math.random() * 1e15));
  #sdpVersion = 1;
  #remoteUfrag: string | null = null;
  #iceRestartPending = false;
  #negotiationNeededQueued = false;
  #stableSnapshot: { mids: Map<FakeTransceiver, string | null>; ufrag: string } | null = null;
  #midCounter = 0;
  #ufragAtFailure: string | null = null;
  /** The ufrag whose gathering is in progress, and one whose gathering a rollback broke. */
  #gatheringUfrag: string | null = null;
  #brokenUfrag: string | null = null;

  constructor(public iceServers: readonly RTCIceServer[] = []) {}

  setIceServers(servers: readonly RTCIceServer[]): void {
    this.iceServers = servers;
  }

  #newUfrag(): string {
    return `u${this.id}-${Math.random().toString(36).slice(2, 8)}`;
  }

  on<E extends keyof PeerConnectionEvents>(event: E, listener: PeerConnectionEvents[E]): () => void {
    this.#listeners[event].add(listener);
    return () => this.#listeners[event].delete(listener);
  }

  #emit<E extends keyof PeerConnectionEvents>(event: E, ...args: Parameters<PeerConnectionEvents[E]>): void {
    for (const l of [...this.#listeners[event]]) (l as (...a: Parameters<PeerConnectionEvents[E]>) => void)(...args);
  }

  /** What each addTransceiver asked for (simulcast layers included), in call order. */
  readonly transceiverInits: { kind: MediaKind; sendEncodings: readonly RTCRtpEncodingParameters[] | undefined }[] = [];

  addTransceiver(
    kind: MediaKind,
    init: { direction: RTCRtpTransceiverDirection; track?: MediaStreamTrack | null; sendEncodings?: readonly RTCRtpEncodingParameters[] },
  ): PeerTransceiver {
    this.#assertOpen();
    this.transceiverInits.push({ kind, sendEncodings: init.sendEncodings });
    const t = new FakeTransceiver(kind, init.direction, init.track ?? null, () => this.#updateNegotiationNeeded());
    const proxy = this.#proxy(t);
    this.#transceivers.push(t);
    this.#updateNegotiationNeeded();
    return proxy;
  }

  // Expose `direction` as a settable property that re-checks negotiation, like the real API.
  readonly #proxies = new WeakMap<FakeTransceiver, PeerTransceiver>();
  #proxy(t: FakeTransceiver): PeerTransceiver {
    let p = this.#proxies.get(t);
    if (!p) {
      p = {
        get mid() {
          return t.mid;
        },
        kind: t.kind,
        get direction() {
          return t.direction;
        },
        set direction(value) {
          t.setDirection(value);
        },
        sender: t.sender,
        receiverTrack: t.receiverTrack,
      };
      this.#proxies.set(t, p);
    }
    return p;
  }

  getTransceivers(): readonly PeerTransceiver[] {
    return this.#transceivers.map((t) => this.#proxy(t));
  }

  restartIce(): void {
    this.#assertOpen();
    this.restartIceCalls++;
    this.#iceRestartPending = true;
    this.#updateNegotiationNeeded();
  }

  async setLocalDescription(description?: RTCSessionDescriptionInit): Promise<void> {
    this.#assertOpen();
    await Promise.resolve();
    if (description?.type === "rollback") {
      this.#rollback();
      return;
    }
    const type = description?.type ?? (this.signalingState === "have-remote-offer" ? "answer" : "offer");
    if (type === "offer") {
      if (this.signalingState !== "stable" && this.signalingState !== "have-local-offer") {
        throw domError("InvalidStateError", `cannot offer in ${this.signalingState}`);
      }
      if (this.signalingState === "stable") this.#snapshot();
      if (this.#iceRestartPending) {
        this.#ufrag = this.#newUfrag();
        this.#iceRestartPending = false;
      }
      const media: FakeMedia[] = [];
      for (const t of this.#transceivers) {
        if (t.mid === null) t.mid = this.#allocateMid();
        t.negotiatedDirection = t.direction;
        media.push({ mid: t.mid, kind: t.kind, direction: t.direction });
      }
      // An `o=` line as browsers write it: same session, a higher version for every new offer.
      this.#sdpVersion++;
      this.localDescription = { type: "offer", sdp: `o=- ${this.#sdpSession} ${this.#sdpVersion} IN IP4 0.0.0.0\n${JSON.stringify({ ufrag: this.#ufrag, media } satisfies FakeSdp)}` };
      this.signalingState = "have-local-offer";
      this.log.push("offer");
    } else {
      if (this.signalingState !== "have-remote-offer") throw domError("InvalidStateError", `cannot answer in ${this.signalingState}`);
      const remote = parse(this.remoteDescription);
      const media: FakeMedia[] = remote.media.map((m) => {
        const t = this.#transceivers.find((x) => x.mid === m.mid);
        if (!t) throw new Error(`fake: no transceiver for mid ${m.mid}`);
        const direction = answerDirection(t.direction, m.direction);
        t.negotiatedDirection = t.direction;
        return { mid: m.mid, kind: m.kind, direction };
      });
      this.#sdpVersion++;
      this.localDescription = { type: "answer", sdp: `o=- ${this.#sdpSession} ${this.#sdpVersion} IN IP4 0.0.0.0\n${JSON.stringify({ ufrag: this.#ufrag, media } satisfies FakeSdp)}` };
      this.signalingState = "stable";
      this.log.push("answer");
      this.#onStable();
    }
    this.#gatherCandidates();
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.#assertOpen();
    await Promise.resolve();
    const sdp = parse(description);
    if (description.type === "offer") {
      if (this.signalingState === "have-local-offer") this.#rollback(); // implicit rollback
      if (this.signalingState !== "stable") throw domError("InvalidStateError", `cannot accept offer in ${this.signalingState}`);
      this.#snapshot();
      this.#applyRemoteUfrag(sdp.ufrag);
      for (const m of sdp.media) {
        let t = this.#transceivers.find((x) => x.mid === m.mid);
        if (!t) {
          t = new FakeTransceiver(m.kind, "recvonly", null, () => this.#updateNegotiationNeeded());
          t.mid = m.mid;
          this.#transceivers.push(t);
        }
        this.#applyRemoteDirection(t, m.direction);
      }
      this.remoteDescription = description;
      this.signalingState = "have-remote-offer";
      this.log.push("remote-offer");
    } else if (description.type === "answer") {
      if (this.signalingState !== "have-local-offer") throw domError("InvalidStateError", `cannot accept answer in ${this.signalingState}`);
      this.#applyRemoteUfrag(sdp.ufrag);
      for (const m of sdp.media) {
        const t = this.#transceivers.find((x) => x.mid === m.mid);
        if (t) this.#applyRemoteDirection(t, m.direction);
      }
      this.remoteDescription = description;
      this.signalingState = "stable";
      this.log.push("remote-answer");
      this.#onStable();
    } else {
      throw domError("InvalidStateError", `unsupported remote description ${description.type}`);
    }
  }

  async addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    this.#assertOpen();
    await Promise.resolve();
    if (!this.remoteDescription) throw domError("InvalidStateError", "no remote description");
    if (candidate.usernameFragment && candidate.usernameFragment !== this.#remoteUfrag) {
      throw domError("OperationError", "unknown ufrag");
    }
    this.addedCandidates.push(candidate);
  }

  async getStats(): Promise<RTCStatsReport> {
    return this.stats;
  }

  close(): void {
    this.closed = true;
    this.signalingState = "closed";
    this.connectionState = "closed";
  }

  /** Test control: the current ICE credentials never gather or connect (a stalled Chromium connection). */
  stallGathering(): void {
    this.#brokenUfrag = this.#ufrag;
  }

  /** Test control: move the connection state as the network would. */
  setConnectionState(state: RTCPeerConnectionState): void {
    if (this.connectionState === state) return;
    if (state === "failed" || state === "disconnected") this.#ufragAtFailure = this.#ufrag;
    this.connectionState = state;
    this.#emit("connectionstatechange", state);
  }

  get transceivers(): readonly FakeTransceiver[] {
    return this.#transceivers;
  }

  get ufrag(): string {
    return this.#ufrag;
  }

  #allocateMid(): string {
    const used = new Set(this.#transceivers.map((t) => t.mid));
    while (used.has(String(this.#midCounter))) this.#midCounter++;
    return String(this.#midCounter++);
  }

  #applyRemoteUfrag(ufrag: string): void {
    if (this.#remoteUfrag !== null && this.#remoteUfrag !== ufrag) {
      // Remote restarted ICE: our answer must carry fresh credentials too.
      this.#ufrag = this.#newUfrag();
      this.#iceRestartPending = false;
      this.log.push("ice-restart");
    }
    this.#remoteUfrag = ufrag;
  }

  #applyRemoteDirection(t: FakeTransceiver, remoteDirection: RTCRtpTransceiverDirection): void {
    const nowReceiving = sends(remoteDirection);
    if (nowReceiving && !t.receiving) {
      t.receiving = true;
      this.#emit("track", { track: t.receiverTrack, transceiver: this.#proxy(t) });
    } else if (!nowReceiving) {
      t.receiving = false;
    }
  }

  #snapshot(): void {
    this.#stableSnapshot = { mids: new Map(this.#transceivers.map((t) => [t, t.mid])), ufrag: this.#ufrag };
  }

  #rollback(): void {
    if (this.signalingState === "stable") return;
    if (this.rollbackStopsGathering && this.signalingState === "have-local-offer" && this.#gatheringUfrag !== null) {
      this.#brokenUfrag = this.#gatheringUfrag;
    }
    this.rollbacks++;
    this.log.push("rollback");
    const snap = this.#stableSnapshot;
    if (snap) {
      for (const t of this.#transceivers) {
        if (snap.mids.has(t)) t.mid = snap.mids.get(t) ?? null;
        else t.mid = null;
        if (t.mid === null) t.negotiatedDirection = null;
      }
      if (this.signalingState === "have-local-offer" && this.#ufrag !== snap.ufrag) {
        this.#ufrag = snap.ufrag;
        this.#iceRestartPending = true;
      }
    }
    // Transceivers created only by a rolled-back remote offer disappear.
    for (let i = this.#transceivers.length - 1; i >= 0; i--) {
      const t = this.#transceivers[i];
      if (t && t.mid === null && t.direction === "recvonly" && t.sender.track === null && t.negotiatedDirection === null && t.receiving) {
        this.#transceivers.splice(i, 1);
      }
    }
    this.signalingState = "stable";
    this.localDescription = null;
    this.#onStable();
  }

  #onStable(): void {
    if (this.autoConnect && this.remoteDescription && this.localDescription && this.#ufrag !== this.#brokenUfrag) {
      const recovered =
        (this.connectionState === "failed" || this.connectionState === "disconnected") && this.#ufrag !== this.#ufragAtFailure;
      if (this.connectionState === "new" || recovered) {
        queueMicrotask(() => {
          if (!this.closed) this.setConnectionState("connected");
        });
      }
    }
    this.#updateNegotiationNeeded();
  }

  #needsNegotiation(): boolean {
    if (this.#iceRestartPending) return true;
    return this.#transceivers.some((t) => t.mid === null || t.negotiatedDirection !== t.direction);
  }

  #updateNegotiationNeeded(): void {
    if (this.closed || this.#negotiationNeededQueued) return;
    if (this.signalingState !== "stable" || !this.#needsNegotiation()) return;
    this.#negotiationNeededQueued = true;
    // Real browsers fire this from a queued task, never synchronously inside the call that caused it.
    setTimeout(() => {
      this.#negotiationNeededQueued = false;
      if (!this.closed && this.signalingState === "stable" && this.#needsNegotiation()) this.#emit("negotiationneeded");
    }, 0);
  }

  #gatherCandidates(): void {
    const ufrag = this.#ufrag;
    if (ufrag === this.#brokenUfrag) return;
    this.#gatheringUfrag = ufrag;
    setTimeout(() => {
      if (this.#gatheringUfrag === ufrag) this.#gatheringUfrag = null;
      if (this.closed || ufrag === this.#brokenUfrag) return;
      this.#emit("icecandidate", { candidate: `candidate:1 1 udp 1 127.0.0.1 ${1000 + this.id} typ host`, sdpMid: "0", usernameFragment: ufrag });
      this.#emit("icecandidate", null);
    }, this.gatherDelayMs);
  }

  #assertOpen(): void {
    if (this.closed) throw domError("InvalidStateError", "closed");
  }
}

function parse(description: RTCSessionDescriptionInit | null): FakeSdp {
  if (!description?.sdp) throw new Error("fake: missing sdp");
  return JSON.parse(description.sdp.replace(/^o=[^\n]*\n/, "")) as FakeSdp;
}

function domError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
