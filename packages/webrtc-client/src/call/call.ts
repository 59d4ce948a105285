import {
  PROTOCOL_VERSION,
  type ChatMessage,
  type Joined,
  type LobbyEntry,
  type MediaKind,
  type Participant,
  type Reaction,
  type RoomState,
} from "@parley/protocol";
import { CallError } from "../errors";
import { TypedEmitter } from "../emitter";
import type { LocalMediaState } from "../media/local-media";
import { createBrowserPeerConnection } from "../peer/browser-peer-connection";
import type { RemoteTrackInfo, TrackSource } from "../peer/peer-session";
import type { PeerStatsSummary } from "../stats/peer-stats";
import { classifyQuality } from "../stats/quality";
import type { MediaTransport } from "../topology/media-transport";
import { MeshTopology } from "../topology/mesh-topology";
import type {
  CallEvents,
  CallOptions,
  CallSnapshot,
  CallState,
  DisconnectReason,
  JoinOutcome,
  ParticipantLeftReason,
  RemoteParticipant,
  RemoteTrack,
  TransportContext,
} from "./call-types";
import { Roster } from "./roster";
import { StatsMonitor } from "./stats-monitor";
import { getRemoteVideoStats, type RemoteVideoStats } from "./video-stats";

/** Codes after which a re-join is pointless: the call is over for us. */
const FATAL_JOIN_CODES = new Set([
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

/**
 * A meeting from one participant's point of view: joins through the signal channel, keeps the roster,
 * chat and lobby, sends local media through a `MediaTransport` (mesh today) and survives signaling drops
 * and even a restarted signaling server (it re-joins and rebuilds connections when its id changed).
 */
export class Call extends TypedEmitter<CallEvents> {
  readonly #options: CallOptions;
  readonly #roster = new Roster();
  readonly #monitor = new StatsMonitor();
  readonly #subscriptions: (() => void)[] = [];
  #state: CallState = "idle";
  #self: Participant | null = null;
  #room: RoomState | null = null;
  #lobby: readonly LobbyEntry[] = [];
  #messages: ChatMessage[] = [];
  #activeSpeakerId: string | null = null;
  #disconnectReason: DisconnectReason | null = null;
  #resume: { participantId: string; resumeToken: string } | null = null;
  #transport: MediaTransport | null = null;
  #snapshot: CallSnapshot | null = null;
  #statsTimer: ReturnType<typeof setInterval> | null = null;
  #rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  #rejoinAttempts = 0;
  #joining: Promise<void> | null = null;
  #sentMedia: { audioMuted: boolean; videoMuted: boolean; screenSharing: boolean } | null = null;

  constructor(options: CallOptions) {
    super();
    if (!options.meetingId) throw CallError.invalidArgument("meetingId is required");
    this.#options = options;
  }

  get state(): CallState {
    return this.#state;
  }

  get self(): Participant | null {
    return this.#self;
  }

  get localMedia(): CallOptions["localMedia"] {
    return this.#options.localMedia;
  }

  /** Immutable view of everything; the same object until something changes. */
  get snapshot(): CallSnapshot {
    this.#snapshot ??= {
      state: this.#state,
      self: this.#self,
      participants: this.#roster.views(),
      room: this.#room,
      lobby: this.#lobby,
      messages: this.#messages,
      activeSpeakerId: this.#activeSpeakerId,
      localMedia: this.#options.localMedia.state,
      disconnectReason: this.#disconnectReason,
    };
    return this.#snapshot;
  }

  get participants(): readonly RemoteParticipant[] {
    return this.snapshot.participants;
  }

  participant(id: string): RemoteParticipant | undefined {
    return this.#roster.get(id);
  }

  /**
   * Connect and join. Resolves when in the call (or waiting in the lobby); rejects with the server's
   * error code (`room_full`, `passcode_required`, ...) and leaves the call `disconnected`.
   */
  async join(): Promise<JoinOutcome> {
    if (this.#state !== "idle") throw CallError.invalidState(`join() needs an idle call, it is ${this.#state}`);
    this.#setState("connecting");
    this.#subscribe();
    try {
      await this.#waitForSignal();
      await this.#sendJoin();
    } catch (error) {
      const callError = CallError.wrap(error, "server_error");
      this.#teardown("join_failed");
      throw callError;
    }
    const state = this.#state as CallState;
    if (state === "disconnected") throw CallError.closed(); // closed while joining
    const self = this.#self;
    return state === "waiting" || !self ? { status: "waiting" } : { status: "joined", self };
  }

  /** Leave the call (tells the server, closes connections). Safe to call more than once. */
  async leave(): Promise<void> {
    if (this.#state === "disconnected" || this.#state === "idle") {
      this.#teardown("left");
      return;
    }
    const signal = this.#options.signal;
    if (signal.connected) await signal.request("room:leave", {}).catch(() => undefined);
    this.#teardown("left");
  }

  /** Same as `leave()` without waiting for the server; safe to call twice. */
  close(): void {
    if (this.#state !== "disconnected" && this.#options.signal.connected) {
      void this.#options.signal.request("room:leave", {}).catch(() => undefined);
    }
    this.#teardown("left");
  }

  // ---- local media -------------------------------------------------------------------------

  /** Mute or unmute your microphone (no renegotiation). */
  setAudioMuted(muted: boolean): void {
    this.#assertActive();
    this.#options.localMedia.setAudioMuted(muted);
  }

  /** Turn your camera off (light off) or on. */
  async setVideoMuted(muted: boolean): Promise<void> {
    this.#assertActive();
    await this.#options.localMedia.setVideoMuted(muted);
  }

  /** Share your screen as an extra video (camera stays on). */
  async startScreenShare(): Promise<void> {
    this.#assertJoined();
    await this.#options.localMedia.startScreenShare();
  }

  stopScreenShare(): void {
    this.#options.localMedia.stopScreenShare();
  }

  // ---- chat, hand, reactions ----------------------------------------------------------------

  async sendChatMessage(body: string): Promise<ChatMessage> {
    this.#assertJoined();
    if (body.trim().length === 0) throw CallError.invalidArgument("A chat message cannot be empty");
    const message = await this.#options.signal.request("chat:send", { body });
    this.#addMessage(message);
    return message;
  }

  async sendReaction(reaction: Reaction): Promise<void> {
    this.#assertJoined();
    await this.#options.signal.request("reaction:send", { reaction });
  }

  async raiseHand(): Promise<void> {
    this.#assertJoined();
    this.#applyParticipant(await this.#options.signal.request("hand:raise", {}));
  }

  /** Lower your hand, or (hosts) someone else's. */
  async lowerHand(participantId?: string): Promise<void> {
    this.#assertJoined();
    this.#applyParticipant(await this.#options.signal.request("hand:lower", participantId ? { participantId } : {}));
  }

  // ---- host actions ----------------------------------------------------------------------------

  async muteParticipant(participantId: string, kind: MediaKind = "audio"): Promise<void> {
    this.#assertJoined();
    this.#applyParticipant(await this.#options.signal.request("host:mute", { participantId, kind }));
  }

  async removeParticipant(participantId: string): Promise<void> {
    this.#assertJoined();
    await this.#options.signal.request("host:remove", { participantId });
  }

  async lockRoom(): Promise<void> {
    this.#assertJoined();
    this.#applyRoom(await this.#options.signal.request("host:lock", {}));
  }

  async unlockRoom(): Promise<void> {
    this.#assertJoined();
    this.#applyRoom(await this.#options.signal.request("host:unlock", {}));
  }

  async endForAll(): Promise<void> {
    this.#assertJoined();
    await this.#options.signal.request("host:end", {});
  }

  async admit(lobbyId: string): Promise<void> {
    this.#assertJoined();
    await this.#options.signal.request("lobby:admit", { participantId: lobbyId });
  }

  async deny(lobbyId: string): Promise<void> {
    this.#assertJoined();
    await this.#options.signal.request("lobby:deny", { participantId: lobbyId });
  }

  // ---- stats -----------------------------------------------------------------------------------

  /** Inbound video counters per remote participant, read fresh from getStats (for tests and debug UIs). */
  async getRemoteVideoStats(): Promise<Record<string, RemoteVideoStats>> {
    if (!this.#transport) return {};
    return getRemoteVideoStats(await this.#transport.getStats(), this.#roster.tracks());
  }

  // ---- internals: joining -------------------------------------------------------------------

  #subscribe(): void {
    const { signal, localMedia } = this.#options;
    this.#subscriptions.push(
      signal.onConnectionChange((up) => (up ? this.#onSignalUp() : this.#onSignalDown())),
      signal.on("participant:joined", (p) => this.#onParticipantJoined(p)),
      signal.on("participant:left", ({ participantId, reason }) => this.#removeParticipant(participantId, reason)),
      signal.on("participant:updated", (p) => this.#applyParticipant(p)),
      signal.on("chat:message", (m) => this.#addMessage(m)),
      signal.on("reaction:received", (r) => this.emit("reaction", r)),
      signal.on("media:muted", ({ by, kind }) => this.#onMutedByHost(by, kind)),
      signal.on("room:updated", (room) => this.#applyRoom(room)),
      signal.on("room:ended", ({ reason }) => this.#end(reason)),
      signal.on("room:removed", ({ reason }) => {
        this.emit("removed", reason);
        this.#teardown("removed_by_host");
      }),
      signal.on("lobby:updated", ({ waiting }) => {
        this.#lobby = waiting;
        this.emit("lobbyChanged", waiting);
        this.#changed();
      }),
      signal.on("lobby:admitted", (joined) => {
        if (this.#state !== "waiting") return;
        this.#applyJoined(joined);
        this.emit("lobbyAdmitted");
      }),
      signal.on("lobby:denied", ({ reason }) => {
        this.emit("lobbyDenied", reason);
        this.#teardown(reason === "meeting_ended" ? "meeting_ended" : "denied_by_host");
      }),
      signal.on("server:error", (error) => this.emit("error", CallError.fromServer(error))),
      localMedia.on("trackChanged", (source, track) => this.#onLocalTrack(source, track)),
      localMedia.on("stateChanged", (state) => this.#onLocalMediaState(state)),
    );
  }

  #waitForSignal(): Promise<void> {
    const { signal } = this.#options;
    if (signal.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timeoutMs = this.#options.connectTimeoutMs ?? 15_000;
      const timer = setTimeout(() => {
        off();
        reject(CallError.timeout(`Could not reach the signaling service within ${timeoutMs} ms`));
      }, timeoutMs);
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
  #sendJoin(): Promise<void> {
    this.#joining ??= this.#doJoin().finally(() => {
      this.#joining = null;
    });
    return this.#joining;
  }

  async #doJoin(): Promise<void> {
    const { signal, getJoinToken, meetingId, passcode, localMedia } = this.#options;
    const token = await getJoinToken();
    if (this.#state === "disconnected") return;
    const media = localMedia.state;
    const result = await signal.request("room:join", {
      token,
      meetingId,
      protocolVersion: PROTOCOL_VERSION,
      media: { audioMuted: media.audioMuted, videoMuted: media.videoMuted },
      ...(passcode ? { passcode } : {}),
      ...(this.#resume ? { resume: this.#resume } : {}),
    });
    if ((this.#state as CallState) === "disconnected") return;
    if (result.status === "waiting") {
      this.#dropAllParticipants();
      this.#room = result.room;
      this.#setState("waiting");
      this.emit("lobbyWaiting", result.room);
      return;
    }
    this.#applyJoined(result);
  }

  #applyJoined(joined: Joined): void {
    const sameIdentity = joined.resumed && this.#self?.id === joined.self.id && this.#transport !== null;
    if (!sameIdentity) {
      // A fresh identity (first join, expired grace period, or a restarted server): old peers are stale.
      this.#dropAllParticipants();
      this.#transport?.close();
      this.#transport = null;
      this.#monitor.reset();
    }
    this.#self = joined.self;
    this.#resume = { participantId: joined.self.id, resumeToken: joined.resumeToken };
    this.#room = joined.room;
    this.#lobby = joined.lobby;
    this.#sentMedia = { audioMuted: joined.self.audioMuted, videoMuted: joined.self.videoMuted, screenSharing: joined.self.screenSharing };
    this.#setMessages(joined.chatHistory);
    this.#transport ??= this.#createTransport(joined);

    const present = new Set(joined.participants.map((p) => p.id));
    for (const id of this.#roster.ids()) if (!present.has(id)) this.#removeParticipant(id, "left");
    for (const p of joined.participants) {
      if (this.#roster.has(p.id)) this.#applyParticipant(p);
      else this.#onParticipantJoined(p);
    }
    if (sameIdentity) this.#transport.recover();
    this.#rejoinAttempts = 0;
    this.#setState("connected");
    this.#startStats();
    // Local state may have changed while we were away (e.g. muted during the outage).
    this.#onLocalMediaState(this.#options.localMedia.state);
  }

  #createTransport(joined: Joined): MediaTransport {
    const context: TransportContext = {
      topology: joined.room.topology,
      selfId: joined.self.id,
      iceServers: joined.iceServers,
      signal: this.#options.signal,
      createPeerConnection: this.#options.createPeerConnection ?? createBrowserPeerConnection,
      localTracks: () => {
        const m = this.#options.localMedia;
        return { microphone: m.track("microphone"), camera: m.track("camera"), screen: m.track("screen") };
      },
    };
    const transport = this.#options.createTransport?.(context) ?? defaultTransport(context);
    transport.events.on("trackAdded", (id, info) => this.#onTrack(id, info, true));
    transport.events.on("trackRemoved", (id, info) => this.#onTrack(id, info, false));
    transport.events.on("connectionStateChanged", (id, state) => this.#updated(this.#roster.setConnectionState(id, state)));
    transport.events.on("error", (error) => this.emit("error", error));
    return transport;
  }

  #onSignalDown(): void {
    if (this.#state === "connected" || this.#state === "waiting") this.#setState("reconnecting");
  }

  #onSignalUp(): void {
    if (this.#state !== "reconnecting") return;
    this.#rejoin();
  }

  #rejoin(): void {
    if (this.#rejoinTimer) clearTimeout(this.#rejoinTimer);
    this.#rejoinTimer = null;
    this.#sendJoin().catch((error: unknown) => {
      const callError = CallError.wrap(error, "server_error");
      if (callError.code === "meeting_ended" || callError.code === "meeting_cancelled") return this.#end("meeting_ended");
      if (FATAL_JOIN_CODES.has(callError.code)) {
        this.emit("error", callError);
        return this.#teardown("connection_lost");
      }
      // Transient (timeout, internal, link dropped again): retry with backoff while the link is up.
      this.#rejoinAttempts++;
      const delay = Math.min(250 * 2 ** this.#rejoinAttempts, 4000);
      this.#rejoinTimer = setTimeout(() => {
        this.#rejoinTimer = null;
        if (this.#state === "reconnecting" && this.#options.signal.connected) this.#rejoin();
      }, delay);
    });
  }

  // ---- internals: roster ----------------------------------------------------------------------

  #onParticipantJoined(info: Participant): void {
    if (info.id === this.#self?.id) return;
    if (this.#roster.has(info.id)) return this.#applyParticipant(info);
    const participant = this.#roster.add(info);
    this.#transport?.addParticipant(info.id);
    this.emit("participantJoined", participant);
    this.#changed();
  }

  #applyParticipant(info: Participant): void {
    if (info.id === this.#self?.id) {
      this.#self = info;
      this.emit("selfUpdated", info);
      this.#changed();
      return;
    }
    this.#updated(this.#roster.update(info));
  }

  #removeParticipant(id: string, reason: ParticipantLeftReason): void {
    if (!this.#roster.has(id)) return;
    this.#transport?.removeParticipant(id); // emits trackRemoved for its tracks first
    const participant = this.#roster.remove(id);
    if (!participant) return;
    if (this.#activeSpeakerId === id) this.#setActiveSpeaker(null);
    this.emit("participantLeft", participant, reason);
    this.#changed();
  }

  #dropAllParticipants(): void {
    for (const id of this.#roster.ids()) this.#removeParticipant(id, "reset");
  }

  #onTrack(participantId: string, info: RemoteTrackInfo, added: boolean): void {
    const track: RemoteTrack = { id: `${participantId}:${info.mid}`, participantId, source: info.source, track: info.track };
    const participant = this.#roster.setTrack(track, added);
    this.emit(added ? "trackAdded" : "trackRemoved", track);
    this.#updated(participant);
  }

  /** A participant's view was replaced: tell listeners. */
  #updated(participant: RemoteParticipant | null): void {
    if (!participant) return;
    this.emit("participantUpdated", participant);
    this.#changed();
  }

  // ---- internals: chat, room, media --------------------------------------------------------

  #setMessages(history: readonly ChatMessage[]): void {
    const byId = new Map(this.#messages.map((m) => [m.id, m]));
    for (const m of history) byId.set(m.id, m);
    this.#messages = [...byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    this.emit("chatHistory", this.#messages);
    this.#changed();
  }

  #addMessage(message: ChatMessage): void {
    // The sender gets its message both in the acknowledgement and as a broadcast: keep one.
    if (this.#messages.some((m) => m.id === message.id)) return;
    this.#messages = [...this.#messages, message];
    this.emit("chatMessage", message);
    this.#changed();
  }

  #applyRoom(room: RoomState): void {
    this.#room = room;
    this.emit("roomUpdated", room);
    this.#changed();
  }

  #onMutedByHost(by: string, kind: MediaKind): void {
    const media = this.#options.localMedia;
    if (kind === "audio") media.setAudioMuted(true);
    else void media.setVideoMuted(true).catch(() => undefined);
    this.emit("mutedByHost", by, kind);
  }

  #onLocalTrack(source: TrackSource, track: MediaStreamTrack | null): void {
    this.#transport?.setLocalTrack(source, track).catch((error: unknown) => this.emit("error", CallError.wrap(error)));
  }

  #onLocalMediaState(state: LocalMediaState): void {
    this.emit("localMediaChanged", state);
    this.#changed();
    if (this.#state !== "connected" || !this.#sentMedia) return;
    const next = { audioMuted: state.audioMuted, videoMuted: state.videoMuted, screenSharing: state.screenSharing };
    const sent = this.#sentMedia;
    if (next.audioMuted === sent.audioMuted && next.videoMuted === sent.videoMuted && next.screenSharing === sent.screenSharing) return;
    this.#sentMedia = next;
    this.#options.signal
      .request("media:update", next)
      .then((self) => this.#applyParticipant(self))
      .catch((error: unknown) => {
        this.#sentMedia = sent; // retried on the next change or re-join
        if (!(error instanceof CallError && error.code === "signal_disconnected")) this.emit("error", CallError.wrap(error, "server_error"));
      });
  }

  // ---- internals: stats -------------------------------------------------------------------------

  #startStats(): void {
    const interval = this.#options.statsIntervalMs ?? 1000;
    if (interval <= 0 || this.#statsTimer) return;
    this.#statsTimer = setInterval(() => void this.#sampleStats(), interval);
  }

  async #sampleStats(): Promise<void> {
    const transport = this.#transport;
    if (!transport || this.#state !== "connected") return;
    const reports = await transport.getStats().catch(() => null);
    if (!reports || this.#transport !== transport) return;
    const self = this.#self ? { id: this.#self.id, muted: this.#options.localMedia.state.audioMuted } : null;
    const round = this.#monitor.round(reports, self, Date.now());
    for (const [id, summary] of round.summaries) this.#applyQuality(id, summary);
    this.#setActiveSpeaker(round.activeSpeakerId);
  }

  #applyQuality(id: string, summary: PeerStatsSummary): void {
    const participant = this.#roster.get(id);
    if (!participant) return;
    const quality = classifyQuality({
      packetLossPercent: summary.packetLossPercent,
      rttMs: summary.rttMs,
      inboundKbps: summary.inboundKbps,
      expectsVideo: !participant.videoMuted || participant.screenSharing,
      connectionState: participant.connectionState,
    });
    this.emit("qualityChanged", id, quality, summary);
    this.#updated(this.#roster.setQuality(id, quality));
  }

  #setActiveSpeaker(id: string | null): void {
    if (id === this.#activeSpeakerId) return;
    this.#activeSpeakerId = id;
    this.emit("activeSpeakerChanged", id);
    this.#changed();
  }

  // ---- internals: lifecycle ---------------------------------------------------------------------

  #end(reason: "ended_by_host" | "meeting_ended"): void {
    if (this.#state === "disconnected") return;
    this.emit("ended", reason);
    this.#teardown(reason);
  }

  #teardown(reason: DisconnectReason): void {
    if (this.#state === "disconnected") return;
    this.#disconnectReason = reason;
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    if (this.#rejoinTimer) clearTimeout(this.#rejoinTimer);
    this.#statsTimer = null;
    this.#rejoinTimer = null;
    for (const off of this.#subscriptions.splice(0)) off();
    this.#dropAllParticipants();
    this.#transport?.close();
    this.#transport = null;
    // The screen share belongs to this call; camera and microphone belong to the LocalMedia owner.
    if (!this.#options.localMedia.stopped) this.#options.localMedia.stopScreenShare();
    this.#options.signal.close();
    this.#setState("disconnected");
  }

  #setState(state: CallState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit("stateChanged", state);
    this.#changed();
  }

  #changed(): void {
    this.#snapshot = null;
    this.emit("changed", this.snapshot);
  }

  #assertActive(): void {
    if (this.#state === "disconnected") throw CallError.closed();
  }

  #assertJoined(): void {
    if (this.#state === "disconnected") throw CallError.closed();
    if (this.#state !== "connected") throw CallError.invalidState(`Not in the call yet (state: ${this.#state})`);
  }
}

function defaultTransport(context: TransportContext): MediaTransport {
  switch (context.topology) {
    case "mesh":
      return new MeshTopology(context);
    default:
      throw new CallError("unsupported", `Unsupported topology ${String(context.topology)}`);
  }
}
