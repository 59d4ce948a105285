import { isPolitePeer, type IceServer, type TrackSource } from "@parley/protocol";
import { CallError } from "../errors";
import { Emitter } from "../emitter";
import type { PeerConnectionFactory } from "../peer/peer-connection";
import { type OutgoingSignal, PeerSession } from "../peer/peer-session";
import type { SignalChannel } from "../signal/signal-channel";
import { toRtc } from "./ice-servers";
import type { MediaTransport, MediaTransportEvents, PeerConnectionState } from "./media-transport";

export interface MeshTopologyOptions {
  readonly selfId: string;
  readonly iceServers: readonly IceServer[];
  readonly signal: SignalChannel;
  readonly createPeerConnection: PeerConnectionFactory;
  /** What we currently send per source; read when a new peer connection is created. */
  readonly localTracks: () => Partial<Record<TrackSource, MediaStreamTrack | null>>;
  /** When a participant (ourselves included) joined: the later joiner is the polite side. */
  readonly joinedAt?: (participantId: string) => string | undefined;
  readonly disconnectedRestartMs?: number;
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
}

/** About 20 s of retries: longer than the server keeps a reconnecting participant's place. */
const MAX_OFFER_RETRIES = 12;

/** Full mesh: one PeerSession (RTCPeerConnection) per remote participant. */
export class MeshTopology implements MediaTransport {
  readonly events = new Emitter<MediaTransportEvents>();
  readonly #options: MeshTopologyOptions;
  readonly #sessions = new Map<string, PeerSession>();
  readonly #unsubscribe: (() => void)[];
  readonly #offerRetries = new Map<string, number>();
  #iceServers: readonly IceServer[];
  #closed = false;

  constructor(options: MeshTopologyOptions) {
    this.#options = options;
    this.#iceServers = options.iceServers;
    const { signal } = options;
    this.#unsubscribe = [
      signal.on("signal:description", ({ from, description, sources }) => {
        // No map: the sender sends nothing on any m-line yet (its earlier tracks are gone).
        void this.#session(from)?.handleDescription(description, sources ?? {});
      }),
      signal.on("signal:candidate", ({ from, candidate }) => {
        // null is end-of-candidates; browsers infer it, so nothing to apply.
        if (candidate) void this.#session(from)?.handleCandidate(candidate);
      }),
      signal.on("signal:ice-restart", ({ from }) => this.#sessions.get(from)?.restartIce()),
    ];
  }

  addParticipant(participantId: string): void {
    this.#session(participantId);
  }

  removeParticipant(participantId: string): void {
    const session = this.#sessions.get(participantId);
    if (!session) return;
    this.#sessions.delete(participantId);
    session.close();
    this.events.emit("connectionStateChanged", participantId, "closed");
  }

  async setLocalTrack(source: TrackSource, track: MediaStreamTrack | null): Promise<void> {
    if (this.#closed) throw CallError.closed("media transport");
    await Promise.all([...this.#sessions.values()].map((s) => s.setTrack(source, track)));
  }

  updateIceServers(servers: readonly IceServer[]): void {
    this.#iceServers = servers;
    for (const session of this.#sessions.values()) session.setIceServers(toRtc(servers));
  }

  recover(): void {
    for (const session of this.#sessions.values()) session.recover();
  }

  async getStats(): Promise<Map<string, RTCStatsReport>> {
    const entries = await Promise.all(
      [...this.#sessions].map(async ([id, s]) => [id, await s.getStats().catch(() => null)] as const),
    );
    return new Map(entries.filter((e): e is readonly [string, RTCStatsReport] => e[1] !== null));
  }

  connectionStates(): Map<string, PeerConnectionState> {
    return new Map([...this.#sessions].map(([id, s]) => [id, s.connectionState]));
  }

  get participantIds(): string[] {
    return [...this.#sessions.keys()];
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const off of this.#unsubscribe) off();
    for (const id of [...this.#sessions.keys()]) this.removeParticipant(id);
    this.events.removeAllListeners();
  }

  #session(remoteId: string): PeerSession | undefined {
    if (this.#closed || remoteId === this.#options.selfId) return undefined;
    let session = this.#sessions.get(remoteId);
    if (session) return session;
    const { selfId, createPeerConnection, localTracks, disconnectedRestartMs, iceTransportPolicy } = this.#options;
    session = new PeerSession({
      remoteId,
      polite: isPolitePeer(
        { id: selfId, joinedAt: this.#options.joinedAt?.(selfId) },
        { id: remoteId, joinedAt: this.#options.joinedAt?.(remoteId) },
      ),
      pc: createPeerConnection({
        iceServers: toRtc(this.#iceServers),
        ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
      }),
      send: (signal) => this.#send(remoteId, signal),
      initialTracks: localTracks(),
      ...(disconnectedRestartMs === undefined ? {} : { disconnectedRestartMs }),
    });
    session.on("trackAdded", (track) => this.events.emit("trackAdded", remoteId, track));
    session.on("trackRemoved", (track) => this.events.emit("trackRemoved", remoteId, track));
    session.on("connectionStateChanged", (state) => this.events.emit("connectionStateChanged", remoteId, state));
    session.on("error", (error) => this.events.emit("error", error));
    this.#sessions.set(remoteId, session);
    return session;
  }

  #send(to: string, signal: OutgoingSignal): void {
    const { signal: channel } = this.#options;
    const request =
      signal.type === "description"
        ? channel.request("signal:description", {
            to,
            description: { type: signal.description.type === "answer" ? "answer" : "offer", sdp: signal.description.sdp ?? "" },
            sources: signal.sources,
          })
        : channel.request("signal:candidate", {
            to,
            candidate: {
              candidate: signal.candidate.candidate ?? "",
              sdpMid: signal.candidate.sdpMid ?? null,
              sdpMLineIndex: signal.candidate.sdpMLineIndex ?? null,
              usernameFragment: signal.candidate.usernameFragment ?? null,
            },
          });
    request.then(
      () => {
        if (signal.type === "description") this.#offerRetries.delete(to);
      },
      (error: unknown) => {
        if (this.#closed) return;
        const code = error instanceof CallError ? error.code : "";
        if (code === "peer_unavailable") {
          // The peer is reconnecting (its place is kept). An offer must not get lost, or an impolite
          // side would wait forever for its answer: send it again until the peer is back.
          if (signal.type === "description" && signal.description.type === "offer") this.#retryOffer(to);
          return;
        }
        // Link down: recover() resends what matters once it is back. Peer gone: nothing to do.
        if (code === "signal_disconnected" || code === "closed" || code === "not_found") return;
        this.events.emit("error", CallError.wrap(error, "server_error"));
      },
    );
  }

  #retryOffer(to: string): void {
    const attempt = this.#offerRetries.get(to) ?? 0;
    if (attempt >= MAX_OFFER_RETRIES) return;
    this.#offerRetries.set(to, attempt + 1);
    setTimeout(() => {
      if (!this.#closed) this.#sessions.get(to)?.resendPendingOffer();
    }, Math.min(250 * 2 ** attempt, 2000));
  }
}

