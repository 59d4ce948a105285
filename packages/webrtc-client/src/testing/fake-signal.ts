import {
  clientResultSchemas,
  parseClientEventPayload,
  serverEventSchemas,
  type ChatMessage,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResults,
  type Joined,
  type Participant,
  type RoomState,
  type ServerEventName,
  type ServerToClientEvents,
  type Waiting,
} from "@parley/protocol";
import { CallError } from "../errors";
import type { SignalChannel } from "../signal/signal-channel";

type AnyHandler = (payload: unknown) => void;

/** Web Crypto exists in Node 20 and in browsers, so this hub also runs inside a real page. */
const randomUUID = (): string => globalThis.crypto.randomUUID();

/**
 * An in-memory SignalChannel connected to a FakeSignalHub (delivers asynchronously, like a socket). Both directions
 * are parsed with the protocol's schemas, as the signaling service and the socket channel do: the fake refuses what
 * the server refuses, and a malformed answer or event fails here as it would in a browser.
 */
export class FakeSignalChannel implements SignalChannel {
  connected = false;
  closed = false;
  readonly sent: { event: string; payload: unknown }[] = [];
  readonly #listeners = new Map<string, Set<AnyHandler>>();
  readonly #connectionListeners = new Set<(up: boolean) => void>();
  #wantsConnection = false;

  constructor(readonly hub: FakeSignalHub) {}

  connect(): void {
    if (this.closed) throw CallError.closed("signal channel");
    this.#wantsConnection = true;
    setTimeout(() => this.hub.attach(this), 0);
  }

  async request<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<ClientEventResults[E]> {
    if (this.closed) throw CallError.closed("signal channel");
    if (!this.connected) throw CallError.disconnected();
    this.sent.push({ event, payload });
    // The server handles the request at once; the answer travels back asynchronously.
    let result: unknown;
    let failure: unknown = null;
    try {
      const parsed = parseClientEventPayload(event, payload);
      if (!parsed.success) throw CallError.fromServer(parsed.error);
      result = this.hub.handle(this, event, parsed.data);
    } catch (error) {
      failure = error;
    }
    await new Promise((r) => setTimeout(r, 0));
    if (failure) throw failure;
    const answer = clientResultSchemas[event].safeParse(result);
    if (!answer.success) throw new CallError("server_error", `Malformed ${event} result`, answer.error);
    return answer.data as ClientEventResults[E];
  }

  on<E extends ServerEventName>(event: E, listener: ServerToClientEvents[E]): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as AnyHandler);
    return () => set.delete(listener as AnyHandler);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.#connectionListeners.add(listener);
    return () => this.#connectionListeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#wantsConnection = false;
    this.hub.detach(this, "closed");
    this.setConnected(false);
  }

  /** Hub → client. */
  deliver<E extends ServerEventName>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    const parsed = serverEventSchemas[event].safeParse(payload);
    if (!parsed.success) throw new Error(`FakeSignalHub sent a malformed "${event}": ${parsed.error.message}`);
    setTimeout(() => {
      if (!this.connected) return;
      for (const l of [...(this.#listeners.get(event) ?? [])]) l(parsed.data);
    }, 0);
  }

  setConnected(up: boolean): void {
    if (this.connected === up) return;
    this.connected = up;
    for (const l of [...this.#connectionListeners]) l(up);
  }

  /** Socket.io-style automatic reconnect after a drop. */
  reconnectSoon(delayMs = 5): void {
    if (!this.#wantsConnection || this.closed) return;
    setTimeout(() => {
      if (!this.closed) this.hub.attach(this);
    }, delayMs);
  }
}

interface Member {
  info: Participant;
  channel: FakeSignalChannel | null;
  resumeToken: string;
}

/** A tiny stand-in for the signaling server: one room, relaying, resume, restart. */
export class FakeSignalHub {
  readonly meetingId = randomUUID();
  room: RoomState = { meetingId: this.meetingId, title: "Test", topology: "mesh", locked: false, lobbyEnabled: false, capacity: 10 };
  members = new Map<string, Member>();
  chat: ChatMessage[] = [];
  up = true;
  readonly #channels = new Set<FakeSignalChannel>();

  attach(channel: FakeSignalChannel): void {
    if (!this.up || channel.closed) return channel.reconnectSoon(10);
    this.#channels.add(channel);
    channel.setConnected(true);
  }

  detach(channel: FakeSignalChannel, _why: "closed" | "dropped"): void {
    this.#channels.delete(channel);
    for (const m of this.members.values()) if (m.channel === channel) m.channel = null;
  }

  /** The socket of one client drops and comes back (server state is kept: resume works). */
  drop(channel: FakeSignalChannel, downMs = 5): void {
    this.detach(channel, "dropped");
    channel.setConnected(false);
    channel.reconnectSoon(downMs);
  }

  /** The server process restarts: every socket drops and all room state is forgotten. */
  restart(downMs = 20): void {
    this.up = false;
    this.members.clear();
    for (const channel of [...this.#channels]) {
      this.detach(channel, "dropped");
      channel.setConnected(false);
      channel.reconnectSoon(downMs + 5);
    }
    setTimeout(() => {
      this.up = true;
    }, downMs);
  }

  memberOf(channel: FakeSignalChannel): Member | undefined {
    return [...this.members.values()].find((m) => m.channel === channel);
  }

  handle(channel: FakeSignalChannel, event: ClientEventName, payload: unknown): unknown {
    if (event === "room:join") return this.#join(channel, payload as ClientEventPayload<"room:join">);
    const me = this.memberOf(channel);
    if (!me) throw CallError.fromServer({ code: "not_in_room", message: "join first" });
    switch (event) {
      case "signal:description":
      case "signal:candidate":
      case "signal:ice-restart": {
        const { to, ...rest } = payload as { to: string };
        const target = this.members.get(to)?.channel;
        if (!target) throw CallError.fromServer({ code: "peer_unavailable", message: "gone" });
        target.deliver(event, { from: me.info.id, ...rest } as never);
        return {};
      }
      case "media:update": {
        me.info = { ...me.info, ...(payload as object) };
        this.#broadcast("participant:updated", me.info, me);
        return me.info;
      }
      case "chat:send": {
        const message: ChatMessage = {
          id: randomUUID(),
          senderId: me.info.id,
          senderName: me.info.name,
          body: (payload as { body: string }).body,
          sentAt: new Date().toISOString(),
        };
        this.chat.push(message);
        this.#broadcast("chat:message", message);
        return message;
      }
      case "room:leave": {
        this.members.delete(me.info.id);
        this.#broadcast("participant:left", { participantId: me.info.id, reason: "left" });
        return {};
      }
      case "host:remove": {
        const { participantId, block } = payload as { participantId: string; block?: boolean };
        const target = this.members.get(participantId);
        if (!target) throw CallError.fromServer({ code: "not_found", message: "no such participant" });
        target.channel?.deliver("room:removed", { reason: block ? "blocked_by_host" : "removed_by_host" });
        this.members.delete(participantId);
        this.#broadcast("participant:left", { participantId, reason: "removed" });
        return {};
      }
      case "host:promote":
      case "host:demote": {
        const target = this.members.get((payload as { participantId: string }).participantId);
        if (!target) throw CallError.fromServer({ code: "not_found", message: "no such participant" });
        target.info = { ...target.info, role: event === "host:promote" ? "cohost" : "guest" };
        this.#broadcast("participant:updated", target.info, me);
        return target.info;
      }
      case "recording:start":
      case "recording:stop": {
        if (this.recordingRefusal) throw CallError.fromServer(this.recordingRefusal);
        const recording = event === "recording:start";
        this.room = { ...this.room, recording };
        const state = { meetingId: this.meetingId, recording, recordingId: recording ? randomUUID() : null, startedAt: recording ? new Date().toISOString() : null };
        // Only `recording:state`, no `room:updated`: the client must follow either on its own.
        this.#broadcast("recording:state", state, me);
        return state;
      }
      default:
        return {};
    }
  }

  /** Set to make `recording:start` / `recording:stop` fail as the server would (no SFU, not a host...). */
  recordingRefusal: { code: "recording_unavailable" | "forbidden"; message: string } | null = null;

  /** Guests in the lobby, admitted with `admitAll()`. */
  readonly waiting: { channel: FakeSignalChannel; payload: ClientEventPayload<"room:join">; lobbyId: string }[] = [];

  admitAll(): void {
    for (const w of this.waiting.splice(0)) w.channel.deliver("lobby:admitted", this.#enter(w.channel, w.payload));
  }

  #join(channel: FakeSignalChannel, payload: ClientEventPayload<"room:join">): Joined | Waiting {
    const resumed = payload.resume ? this.members.get(payload.resume.participantId) : undefined;
    if (resumed && resumed.resumeToken === payload.resume?.resumeToken) {
      resumed.channel = channel;
      return this.#joined(resumed, true);
    }
    if (this.members.size >= this.room.capacity) throw CallError.fromServer({ code: "room_full", message: "The meeting is full." });
    if (this.room.lobbyEnabled && this.members.size > 0) {
      const lobbyId = randomUUID();
      this.waiting.push({ channel, payload, lobbyId });
      return { status: "waiting", lobbyId, room: this.room };
    }
    return this.#enter(channel, payload);
  }

  #enter(channel: FakeSignalChannel, payload: ClientEventPayload<"room:join">): Joined {
    const info: Participant = {
      id: randomUUID(),
      name: `p${this.members.size + 1}`,
      role: "guest",
      audioMuted: payload.media.audioMuted,
      videoMuted: payload.media.videoMuted,
      screenSharing: false,
      handRaised: false,
      joinedAt: new Date().toISOString(),
    };
    const member: Member = { info, channel, resumeToken: randomUUID() };
    this.#broadcast("participant:joined", info);
    this.members.set(info.id, member);
    return this.#joined(member, false);
  }

  #joined(member: Member, resumed: boolean): Joined {
    return {
      status: "joined",
      self: member.info,
      participants: [...this.members.values()].filter((m) => m !== member).map((m) => m.info),
      chatHistory: [...this.chat],
      iceServers: [],
      room: this.room,
      resumeToken: member.resumeToken,
      resumed,
      lobby: [],
    };
  }

  #broadcast<E extends ServerEventName>(event: E, payload: Parameters<ServerToClientEvents[E]>[0], except?: Member): void {
    for (const m of this.members.values()) if (m !== except) m.channel?.deliver(event, payload);
  }
}
