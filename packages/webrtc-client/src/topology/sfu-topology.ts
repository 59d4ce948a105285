import type { IceServer, SfuOffer, SfuStream, TrackSource, TrackSources, VideoLayer } from "@parley/protocol";
import { CallError } from "../errors";
import { backoffDelay, RETRY_DEFAULTS, UNREACHABLE_AFTER_FAILURES, type BackoffPolicy } from "../retry/backoff";
import { Emitter } from "../emitter";
import type { PeerConnectionFactory, PeerConnectionHandle, PeerTransceiver } from "../peer/peer-connection";
import type { RemoteTrackInfo } from "../peer/peer-session";
import { setSenderTrack } from "../peer/sender-tracks";
import type { SignalChannel } from "../signal/signal-channel";
import type { MediaTransport, MediaTransportEvents, PeerConnectionState } from "./media-transport";
import { toRtc } from "./ice-servers";

export interface SfuTopologyOptions {
  readonly selfId: string;
  readonly iceServers: readonly IceServer[];
  readonly signal: SignalChannel;
  readonly createPeerConnection: PeerConnectionFactory;
  readonly localTracks: () => Partial<Record<TrackSource, MediaStreamTrack | null>>;
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** Send the camera in three layers (default true); receivers get the one that fits their tile. */
  readonly simulcast?: boolean;
  /** First retry delay when the media server is unavailable (ms, default 500; doubles up to 8 s, with jitter). */
  readonly retryDelayMs?: number;
  /** Waits between rebuilding the session after ICE to the media server failed (default 1 s doubling to 30 s). */
  readonly restartBackoff?: BackoffPolicy;
}

/**
 * Camera layers, listed high → low as Janus 1.1 expects (`h`, `m`, `l`). The browser drops layers the capture is
 * too small for (Chrome: three from 960×540, two from 480×270).
 */
export const SIMULCAST_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: "h", maxBitrate: 900_000 },
  { rid: "m", scaleResolutionDownBy: 2, maxBitrate: 300_000 },
  { rid: "l", scaleResolutionDownBy: 4, maxBitrate: 100_000 },
];

const SOURCE_KIND = { microphone: "audio", camera: "video", screen: "video" } as const;
const MAX_PUBLISH_ATTEMPTS = 8;

interface ReceivedTrack {
  readonly participantId: string;
  readonly info: RemoteTrackInfo;
}

/**
 * Media through the SFU: one publishing connection (microphone, camera with simulcast, screen share) and one
 * subscribing connection that the server drives (it offers everyone else's streams; we answer). The server's
 * `streams` list says which m-line is whose camera or screen. Same `MediaTransport` contract as the mesh, so the
 * Call and the UI do not know which one they use.
 */
export class SfuTopology implements MediaTransport {
  readonly events = new Emitter<MediaTransportEvents>();
  readonly #options: SfuTopologyOptions;
  readonly #unsubscribe: (() => void)[];
  readonly #participants = new Set<string>();
  /** Received m-lines (subscription mid) → whose track it is. */
  readonly #received = new Map<string, ReceivedTrack>();
  readonly #preferences = new Map<string, VideoLayer>();
  #pub: PeerConnectionHandle | null = null;
  #senders = new Map<TrackSource, PeerTransceiver>();
  #sub: PeerConnectionHandle | null = null;
  #publishing: Promise<void> | null = null;
  #publishAgain = false;
  #offers: Promise<void> = Promise.resolve();
  /** The generation whose publishing connection the server has accepted once (later offers renegotiate it). */
  #acceptedGeneration = -1;
  #generation = 0;
  /** Automatic restarts since the media server was last reached; reset once a connection connects. */
  #failedRestarts = 0;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  #iceServers: readonly IceServer[];
  #closed = false;

  constructor(options: SfuTopologyOptions) {
    this.#options = options;
    this.#iceServers = options.iceServers;
    const { signal } = options;
    this.#unsubscribe = [
      signal.on("sfu:offer", (offer) => this.#enqueueOffer(offer)),
      // The server asks (our session moved or its media server restarted): no ICE problem of ours, start over now.
      signal.on("sfu:restart", () => this.#restart()),
    ];
    this.#start();
  }

  addParticipant(participantId: string): void {
    if (participantId === this.#options.selfId || this.#participants.has(participantId)) return;
    this.#participants.add(participantId);
    if (this.#sub) this.events.emit("connectionStateChanged", participantId, this.#sub.connectionState);
  }

  removeParticipant(participantId: string): void {
    if (!this.#participants.delete(participantId)) return;
    for (const [mid, received] of [...this.#received]) {
      if (received.participantId !== participantId) continue;
      this.#received.delete(mid);
      this.events.emit("trackRemoved", participantId, received.info);
    }
    this.#preferences.delete(participantId);
    this.events.emit("connectionStateChanged", participantId, "closed");
  }

  async setLocalTrack(source: TrackSource, track: MediaStreamTrack | null): Promise<void> {
    if (this.#closed) throw CallError.closed("media transport");
    const pub = this.#pub;
    // A screen share is its own m-line: adding or (de)activating it renegotiates with the media server.
    if (pub) await setSenderTrack(this.#senders, pub, source, track);
  }

  /** Tell the server which camera layer each participant's tile needs (`off`: not on screen). */
  setVideoPreferences(preferences: ReadonlyMap<string, VideoLayer>): void {
    const changed: { participantId: string; layer: VideoLayer }[] = [];
    for (const [participantId, layer] of preferences) {
      if (this.#preferences.get(participantId) === layer) continue;
      this.#preferences.set(participantId, layer);
      changed.push({ participantId, layer });
    }
    if (changed.length === 0 || this.#closed) return;
    this.#options.signal.request("sfu:layers", { preferences: changed }).catch(() => {
      // Not published yet, or the link is down: resent after the next subscription offer.
      for (const { participantId } of changed) this.#preferences.delete(participantId);
    });
  }

  updateIceServers(servers: readonly IceServer[]): void {
    this.#iceServers = servers;
    this.#pub?.setIceServers(toRtc(servers));
    this.#sub?.setIceServers(toRtc(servers));
  }

  recover(): void {
    if (this.#closed) return;
    // The link was down: the server may have lost our session (another node, a restarted media server).
    this.#options.signal.request("sfu:sync", {}).then(
      ({ status }) => {
        if (status === "restart") this.#restart();
      },
      () => this.#restart(),
    );
  }

  async getStats(): Promise<Map<string, RTCStatsReport>> {
    const sub = this.#sub;
    if (!sub) return new Map();
    const report = await sub.getStats().catch(() => null);
    if (!report) return new Map();
    // One connection carries everyone: split its report per participant by m-line, keep the shared entries.
    const shared: [string, { type?: string; mid?: string }][] = [];
    const byParticipant = new Map<string, Map<string, unknown>>();
    (report as unknown as Map<string, { type?: string; mid?: string }>).forEach((entry, id) => {
      if (entry.type !== "inbound-rtp") return void shared.push([id, entry]);
      const owner = entry.mid === undefined ? undefined : this.#received.get(entry.mid)?.participantId;
      if (!owner) return;
      let map = byParticipant.get(owner);
      if (!map) byParticipant.set(owner, (map = new Map()));
      map.set(id, entry);
    });
    const result = new Map<string, RTCStatsReport>();
    for (const [participantId, map] of byParticipant) {
      for (const [id, entry] of shared) map.set(id, entry);
      result.set(participantId, map as unknown as RTCStatsReport);
    }
    return result;
  }

  connectionStates(): Map<string, PeerConnectionState> {
    const state = this.#sub?.connectionState ?? "new";
    return new Map([...this.#participants].map((id) => [id, state]));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelRestart();
    for (const off of this.#unsubscribe) off();
    this.#teardown();
    for (const id of [...this.#participants]) this.removeParticipant(id);
    this.events.removeAllListeners();
  }

  // ---- publishing ---------------------------------------------------------------------------------

  #start(): void {
    const generation = ++this.#generation;
    const pub = this.#createConnection("publisher");
    this.#pub = pub;
    const tracks = this.#options.localTracks();
    this.#senders = new Map();
    this.#senders.set("microphone", pub.addTransceiver("audio", { direction: "sendonly", track: tracks.microphone ?? null }));
    this.#senders.set(
      "camera",
      pub.addTransceiver("video", {
        direction: "sendonly",
        track: tracks.camera ?? null,
        ...(this.#options.simulcast === false ? {} : { sendEncodings: SIMULCAST_ENCODINGS }),
      }),
    );
    if (tracks.screen) this.#senders.set("screen", pub.addTransceiver("video", { direction: "sendonly", track: tracks.screen }));
    pub.on("negotiationneeded", () => {
      if (generation === this.#generation) this.#publish();
    });
    this.#publish();
  }

  /** Offer → server → Janus' answer. Coalesces: changes during a round trip trigger one more round. */
  #publish(): void {
    if (this.#publishing) {
      this.#publishAgain = true;
      return;
    }
    const generation = this.#generation;
    const run: Promise<void> = (async () => {
      do {
        this.#publishAgain = false;
        await this.#publishOnce(generation);
      } while (this.#publishAgain && generation === this.#generation && !this.#closed);
    })()
      .catch((error: unknown) => {
        if (!this.#closed && generation === this.#generation) this.events.emit("error", CallError.wrap(error, "negotiation_failed"));
      })
      .finally(() => {
        if (this.#publishing === run) this.#publishing = null;
      });
    this.#publishing = run;
  }

  async #publishOnce(generation: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const pub = this.#pub;
      if (!pub || this.#closed || generation !== this.#generation) return;
      try {
        if (pub.signalingState !== "have-local-offer") await pub.setLocalDescription();
        const offer = pub.localDescription;
        if (!offer?.sdp) return;
        const { answer } = await this.#options.signal.request("sfu:publish", {
          offer: { type: "offer", sdp: offer.sdp },
          sources: this.#localSources(),
          fresh: this.#acceptedGeneration !== generation,
        });
        if (generation !== this.#generation || this.#closed) return;
        await pub.setRemoteDescription(answer);
        this.#acceptedGeneration = generation;
        return;
      } catch (error) {
        const code = error instanceof CallError ? error.code : "";
        // The server or the media server is (re)starting: try again shortly on the same offer.
        const transient = code === "sfu_unavailable" || code === "signal_disconnected" || code === "signal_timeout" || code === "rate_limited";
        if (!transient || attempt + 1 >= MAX_PUBLISH_ATTEMPTS) throw error;
        const base = this.#options.retryDelayMs ?? RETRY_DEFAULTS.publish.baseMs;
        await delay(backoffDelay(attempt, { baseMs: base, maxMs: Math.max(base, RETRY_DEFAULTS.publish.maxMs) }));
      }
    }
  }

  #localSources(): TrackSources {
    const sources: TrackSources = {};
    for (const [source, transceiver] of this.#senders) {
      if (transceiver.mid !== null && transceiver.direction !== "inactive") sources[transceiver.mid] = source;
    }
    return sources;
  }

  // ---- subscribing --------------------------------------------------------------------------------

  #enqueueOffer(offer: SfuOffer): void {
    const generation = this.#generation;
    this.#offers = this.#offers
      .then(() => (generation === this.#generation ? this.#applyOffer(offer) : undefined))
      .catch((error: unknown) => {
        if (!this.#closed) this.events.emit("error", CallError.wrap(error, "negotiation_failed"));
      });
  }

  async #applyOffer({ seq, offer, streams }: SfuOffer): Promise<void> {
    if (this.#closed) return;
    if (!this.#sub) {
      const sub = this.#createConnection("subscriber");
      sub.on("connectionstatechange", (state) => {
        for (const id of this.#participants) this.events.emit("connectionStateChanged", id, state);
      });
      this.#sub = sub;
    }
    const sub = this.#sub;
    await sub.setRemoteDescription(offer);
    await sub.setLocalDescription();
    const answer = sub.localDescription;
    if (!answer?.sdp) throw new CallError("negotiation_failed", "No answer to the media server's offer");
    this.#updateTracks(streams);
    await this.#options.signal.request("sfu:answer", { seq, answer: { type: "answer", sdp: answer.sdp } });
    this.#resendPreferences();
  }

  /** Align the emitted remote tracks with the server's list of m-lines. */
  #updateTracks(streams: readonly SfuStream[]): void {
    const sub = this.#sub;
    if (!sub) return;
    const byMid = new Map(streams.map((s) => [s.mid, s] as const));
    for (const [mid, received] of [...this.#received]) {
      const now = byMid.get(mid);
      if (now && now.participantId === received.participantId && now.source === received.info.source) continue;
      this.#received.delete(mid);
      this.events.emit("trackRemoved", received.participantId, received.info);
    }
    const transceivers = new Map(sub.getTransceivers().map((t) => [t.mid, t] as const));
    for (const stream of streams) {
      if (this.#received.has(stream.mid) || stream.participantId === this.#options.selfId) continue;
      const transceiver = transceivers.get(stream.mid);
      if (!transceiver || transceiver.kind !== SOURCE_KIND[stream.source]) continue;
      // NOTE: prefixed so that a participant's SFU tracks never share an id with its mesh tracks during a switch.
      const info: RemoteTrackInfo = { source: stream.source, track: transceiver.receiverTrack, mid: `sfu-${stream.mid}` };
      this.#received.set(stream.mid, { participantId: stream.participantId, info });
      this.events.emit("trackAdded", stream.participantId, info);
    }
  }

  /** A new subscription starts at the server's defaults: tell it our wishes again. */
  #resendPreferences(): void {
    if (this.#preferences.size === 0) return;
    const preferences = [...this.#preferences].map(([participantId, layer]) => ({ participantId, layer }));
    this.#options.signal.request("sfu:layers", { preferences }).catch(() => undefined);
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  #createConnection(target: "publisher" | "subscriber"): PeerConnectionHandle {
    const { iceTransportPolicy, createPeerConnection, signal } = this.#options;
    const pc = createPeerConnection({
      iceServers: toRtc(this.#iceServers),
      ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
    });
    const generation = this.#generation;
    pc.on("icecandidate", (candidate) => {
      if (this.#closed || generation !== this.#generation) return;
      const payload = candidate
        ? {
            candidate: candidate.candidate ?? "",
            sdpMid: candidate.sdpMid ?? null,
            sdpMLineIndex: candidate.sdpMLineIndex ?? null,
            usernameFragment: candidate.usernameFragment ?? null,
          }
        : null;
      signal.request("sfu:candidate", { target, candidate: payload }).catch(() => undefined);
    });
    pc.on("connectionstatechange", (state) => {
      if (generation !== this.#generation || this.#closed) return;
      if (state === "connected") this.#failedRestarts = 0;
      // ICE to the media server failed for good: start over on fresh connections (the server may move us), but
      // not at once: a network that blocks the media server fails again within seconds, and restarting in a
      // loop would cost a Janus session each time (issue #14, 9).
      if (state === "failed") this.#restartLater();
    });
    return pc;
  }

  /** Rebuild the session after a backoff; after a few failures in a row, tell the user why nothing arrives. */
  #restartLater(): void {
    if (this.#restartTimer || this.#closed) return;
    const wait = backoffDelay(this.#failedRestarts, this.#options.restartBackoff ?? RETRY_DEFAULTS.sfuRestart);
    this.#failedRestarts++;
    if (this.#failedRestarts === UNREACHABLE_AFTER_FAILURES) this.events.emit("error", CallError.mediaUnreachable());
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      this.#restart();
    }, wait);
  }

  #cancelRestart(): void {
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
  }

  /** Our SFU session is gone: drop both connections and publish again. */
  #restart(): void {
    if (this.#closed) return;
    this.#cancelRestart();
    this.#teardown();
    this.#start();
  }

  #teardown(): void {
    this.#generation++;
    this.#pub?.close();
    this.#pub = null;
    this.#sub?.close();
    this.#sub = null;
    this.#senders = new Map();
    this.#publishing = null; // a round of the old connection must not swallow the new one's first publish
    this.#publishAgain = false;
    for (const [mid, received] of [...this.#received]) {
      this.#received.delete(mid);
      this.events.emit("trackRemoved", received.participantId, received.info);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
