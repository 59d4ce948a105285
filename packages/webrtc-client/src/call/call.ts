import type { ChatMessage, Joined, MediaKind, Participant, Reaction, RecordingState, RoomJoinResult, RoomState, VideoLayer } from "@parley/protocol";
import { CallError } from "../errors";
import { TypedEmitter } from "../emitter";
import { CallActions } from "./call-actions";
import { IceRefresher } from "./ice-refresher";
import type { CallEvents, CallOptions, CallSnapshot, CallState, DisconnectReason, JoinOutcome, RemoteParticipant } from "./call-types";
import { JoinFlow } from "./join-flow";
import { MediaSync } from "./media-sync";
import { Participants, type ParticipantsContext } from "./participants";
import { RoomInfo } from "./room-info";
import { StatsSampler } from "./stats-sampler";
import { Transports } from "./transports";
import { getRemoteAudioStats, type RemoteAudioStats } from "./audio-stats";
import { getRemoteVideoStats, type RemoteVideoStats } from "./video-stats";

/**
 * A meeting from one participant's point of view: joins through the signal channel, keeps the roster,
 * chat and lobby, sends local media through a `MediaTransport` (mesh, or the SFU once the meeting grows: switched
 * without anyone leaving, see `Transports`) and survives signaling drops
 * and even a restarted signaling server (it re-joins and rebuilds connections when its id changed).
 *
 * The Call owns the lifecycle, the snapshot and the events; it delegates joining (`JoinFlow`), the remote
 * participants (`Participants`), room / lobby / chat (`RoomInfo`), keeping the server and the connections in
 * line with local media (`MediaSync`), stats (`StatsSampler`) and requests (`CallActions`).
 */
export class Call extends TypedEmitter<CallEvents> {
  readonly #options: CallOptions;
  readonly #participants: Participants;
  readonly #roomInfo: RoomInfo;
  readonly #subscriptions: (() => void)[] = [];
  readonly #joinFlow: JoinFlow;
  readonly #media: MediaSync;
  readonly #stats: StatsSampler;
  readonly #actions: CallActions;
  readonly #iceRefresher: IceRefresher;
  #state: CallState = "idle";
  #self: Participant | null = null;
  #disconnectReason: DisconnectReason | null = null;
  readonly #transports: Transports;
  #iceServers: Joined["iceServers"] | null = null;
  #snapshot: CallSnapshot | null = null;

  constructor(options: CallOptions) {
    super();
    if (!options.meetingId) throw CallError.invalidArgument("meetingId is required");
    this.#options = options;
    const { signal, localMedia } = options;
    const transport = () => this.#transports.current;
    const connected = () => this.#state === "connected";
    const emit: ParticipantsContext["emit"] = (event, ...args) => this.emit(event, ...args);
    const changed = () => this.#changed();
    this.#roomInfo = new RoomInfo({ emit, changed });
    this.#participants = new Participants({
      emit,
      changed,
      transport,
      selfId: () => this.#self?.id ?? null,
      onLeft: (id) => {
        this.#stats.forget(id);
        this.#transports.removeParticipant(id);
      },
    });
    this.#transports = new Transports({
      options,
      participants: this.#participants,
      onError: (error) => this.emit("error", error),
      joinedAt: (id) => (id === this.#self?.id ? this.#self.joinedAt : this.#participants.get(id)?.joinedAt),
    });
    this.#joinFlow = new JoinFlow({
      options,
      closed: () => this.#state === "disconnected",
      reconnecting: () => this.#state === "reconnecting",
      onResult: (result) => this.#onJoinResult(result),
      onRejoinFailed: (error) => this.#onRejoinFailed(error),
    });
    this.#media = new MediaSync({ signal, localMedia, transport, connected, applySelf: (p) => this.#applyParticipant(p), emit, changed });
    this.#stats = new StatsSampler({
      intervalMs: options.statsIntervalMs ?? 1000,
      transport,
      connected,
      self: () => (this.#self ? { id: this.#self.id, muted: localMedia.state.audioMuted } : null),
      participants: this.#participants,
      emit,
      changed,
      // Best effort: a refused or lost report only costs the operator one data point.
      report: (summary) => void signal.request("quality:report", summary).catch(() => undefined),
      ...(options.qualityReportIntervalMs === undefined ? {} : { reportIntervalMs: options.qualityReportIntervalMs }),
    });
    this.#iceRefresher = new IceRefresher({
      signal,
      apply: (servers) => {
        this.#iceServers = [...servers];
        this.#transports.updateIceServers(servers);
      },
    });
    this.#actions = new CallActions({
      signal,
      meetingId: options.meetingId,
      assertJoined: () => this.#assertJoined(),
      applyParticipant: (p) => this.#applyParticipant(p),
      applyRoom: (room) => this.#roomInfo.setRoom(room),
      addMessage: (m) => this.#roomInfo.addMessage(m),
      applyRecording: (state) => this.#roomInfo.setRecording(state),
    });
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
      participants: this.#participants.views(),
      room: this.#roomInfo.room,
      lobby: this.#roomInfo.lobby,
      messages: this.#roomInfo.messages,
      activeSpeakerId: this.#stats.activeSpeakerId,
      localMedia: this.#options.localMedia.state,
      disconnectReason: this.#disconnectReason,
    };
    return this.#snapshot;
  }

  get participants(): readonly RemoteParticipant[] {
    return this.snapshot.participants;
  }

  participant(id: string): RemoteParticipant | undefined {
    return this.#participants.get(id);
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
      await this.#joinFlow.connect();
      await this.#joinFlow.join();
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
    const signal = this.#options.signal;
    const inCall = this.#state !== "disconnected" && this.#state !== "idle";
    if (inCall && signal.connected) await signal.request("room:leave", {}).catch(() => undefined);
    this.#teardown("left");
  }

  /** Same as `leave()` without waiting for the server; safe to call twice. */
  close(): void {
    if (this.#state !== "disconnected" && this.#options.signal.connected) {
      void this.#options.signal.request("room:leave", {}).catch(() => undefined);
    }
    this.#teardown("left");
  }

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

  /** Send a chat message to everyone; resolves with the stored message. */
  sendChatMessage(body: string): Promise<ChatMessage> {
    return this.#actions.sendChatMessage(body);
  }

  sendReaction(reaction: Reaction): Promise<void> {
    return this.#actions.sendReaction(reaction);
  }

  raiseHand(): Promise<void> {
    return this.#actions.raiseHand();
  }

  /** Lower your hand, or (hosts) someone else's. */
  lowerHand(participantId?: string): Promise<void> {
    return this.#actions.lowerHand(participantId);
  }

  /** Host: mute someone's microphone (default) or camera. */
  muteParticipant(participantId: string, kind: MediaKind = "audio"): Promise<void> {
    return this.#actions.muteParticipant(participantId, kind);
  }

  /** Host: remove someone from the meeting; with `block` they cannot come back to it. */
  removeParticipant(participantId: string, options: { block?: boolean } = {}): Promise<void> {
    return this.#actions.removeParticipant(participantId, options);
  }

  /** Host only: give someone the host controls (co-host). Co-hosts and guests get `forbidden`. */
  makeCohost(participantId: string): Promise<void> {
    return this.#actions.setCohost(participantId, true);
  }

  /** Host only: take a co-host's host controls away. */
  removeCohost(participantId: string): Promise<void> {
    return this.#actions.setCohost(participantId, false);
  }

  /** Host: nobody new may join. */
  lockRoom(): Promise<void> {
    return this.#actions.setRoomLocked(true);
  }

  unlockRoom(): Promise<void> {
    return this.#actions.setRoomLocked(false);
  }

  /** Host: end the meeting for everyone. */
  endForAll(): Promise<void> {
    return this.#actions.endForAll();
  }

  /** Host: start recording (everyone in the call sees `room.recording`); rejects with `recording_unavailable`, `forbidden`... */
  startRecording(): Promise<RecordingState> {
    return this.#actions.setRecording(true);
  }

  /** Host: stop recording; the server then composes the file. */
  stopRecording(): Promise<RecordingState> {
    return this.#actions.setRecording(false);
  }

  /** Host: let a guest in from the lobby. */
  admit(lobbyId: string): Promise<void> {
    return this.#actions.decideLobby(lobbyId, true);
  }

  deny(lobbyId: string): Promise<void> {
    return this.#actions.decideLobby(lobbyId, false);
  }

  /** Inbound video counters per remote participant, read fresh from getStats (for tests and debug UIs). */
  async getRemoteVideoStats(): Promise<Record<string, RemoteVideoStats>> {
    const transport = this.#transports.current;
    if (!transport) return {};
    return getRemoteVideoStats(await transport.getStats(), this.#participants.tracks());
  }

  /** Inbound audio counters per remote participant, read fresh from getStats. */
  async getRemoteAudioStats(): Promise<Record<string, RemoteAudioStats>> {
    const transport = this.#transports.current;
    return transport ? getRemoteAudioStats(await transport.getStats()) : {};
  }

  /**
   * Which camera quality each participant's tile needs: `high` (large tile), `low` (thumbnail), `off` (not on
   * screen). Only the SFU can act on it (it forwards the matching simulcast layer); a mesh ignores it.
   */
  setVideoPreferences(preferences: ReadonlyMap<string, VideoLayer>): void {
    this.#transports.setVideoPreferences(preferences);
  }

  // ---- internals: signaling -------------------------------------------------------------------

  #subscribe(): void {
    const { signal } = this.#options;
    this.#subscriptions.push(
      signal.onConnectionChange((up) => (up ? this.#onSignalUp() : this.#onSignalDown())),
      ...this.#participants.listen(signal),
      ...this.#roomInfo.listen(signal),
      signal.on("participant:updated", (p) => this.#applyParticipant(p)),
      signal.on("room:updated", (room) => this.#onRoomUpdated(room)),
      signal.on("reaction:received", (r) => this.emit("reaction", r)),
      signal.on("host:rejoin-refused", ({ name }) => this.emit("rejoinRefused", name)),
      signal.on("room:ended", ({ reason }) => this.#end(reason)),
      signal.on("room:removed", ({ reason }) => {
        this.emit("removed", reason);
        this.#teardown(reason);
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
      ...this.#media.listen(),
    );
  }

  #onJoinResult(result: RoomJoinResult): void {
    if (result.status === "joined") return this.#applyJoined(result);
    this.#participants.removeAll();
    this.#roomInfo.waiting(result.room);
    this.#setState("waiting");
    this.emit("lobbyWaiting", result.room);
  }

  #applyJoined(joined: Joined): void {
    const sameIdentity = joined.resumed && this.#self?.id === joined.self.id && this.#transports.current !== null;
    if (!sameIdentity) {
      // A fresh identity (first join, expired grace period, or a restarted server): old peers are stale.
      this.#participants.removeAll();
      this.#transports.close();
      this.#stats.reset();
    }
    this.#self = joined.self;
    this.#iceServers = joined.iceServers;
    this.#iceRefresher.schedule(joined.iceServersExpireInSeconds);
    this.#joinFlow.joined(joined);
    this.#media.joined(joined.self);
    this.#roomInfo.joined(joined);
    const transport = this.#transports.open(joined.room.topology, joined.self.id, joined.iceServers);
    this.#participants.sync(joined.participants);
    if (sameIdentity) {
      transport.recover();
      // The room may have moved to the SFU while we were away.
      this.#onRoomUpdated(joined.room);
    }
    this.#setState("connected");
    this.#stats.start();
    // Local state may have changed while we were away (e.g. muted during the outage).
    this.#media.refresh();
  }

  /** The room changed topology (the meeting grew past the mesh limit): move media without leaving. */
  #onRoomUpdated(room: RoomState): void {
    if (this.#state !== "connected" && this.#state !== "reconnecting") return;
    const self = this.#self;
    const iceServers = this.#iceServers;
    if (!self || !iceServers || this.#transports.topology === room.topology) return;
    this.#transports.switchTo(room.topology, self.id, iceServers, this.#participants.views().map((p) => p.id));
  }

  #onSignalDown(): void {
    if (this.#state === "connected" || this.#state === "waiting") {
      this.#setState("reconnecting");
      this.#joinFlow.prefetchToken();
    }
  }

  #onSignalUp(): void {
    if (this.#state === "reconnecting") this.#joinFlow.rejoin();
  }

  #onRejoinFailed(error: CallError): void {
    if (error.code === "meeting_ended" || error.code === "meeting_cancelled") return this.#end("meeting_ended");
    this.emit("error", error);
    this.#teardown("connection_lost");
  }

  // ---- internals: self, lifecycle ---------------------------------------------------------------

  #applyParticipant(info: Participant): void {
    if (info.id !== this.#self?.id) return this.#participants.update(info);
    this.#self = info;
    this.emit("selfUpdated", info);
    this.#changed();
  }

  #end(reason: "ended_by_host" | "ended_by_admin" | "meeting_ended"): void {
    if (this.#state === "disconnected") return;
    this.emit("ended", reason);
    this.#teardown(reason);
  }

  #teardown(reason: DisconnectReason): void {
    if (this.#state === "disconnected") return;
    this.#disconnectReason = reason;
    this.#stats.stop();
    this.#iceRefresher.stop();
    this.#joinFlow.stop();
    for (const off of this.#subscriptions.splice(0)) off();
    this.#participants.removeAll();
    this.#transports.close();
    // The screen share belongs to this call; camera and microphone belong to the LocalMedia owner.
    if (!this.#options.localMedia.stopped) this.#options.localMedia.stopScreenShare();
    this.#options.signal.close();
    this.#setState("disconnected");
  }

  #setState(state: CallState): void {
    if (state === this.#state) return;
    this.#state = state;
    // NOTE: snapshot first: stateChanged listeners read it (a stale one said "connection lost" for an ended meeting).
    this.#changed();
    this.emit("stateChanged", state);
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
