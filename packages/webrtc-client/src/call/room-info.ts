import type { ChatMessage, Joined, LobbyEntry, RecordingState, RoomState } from "@parley/protocol";
import type { SignalChannel } from "../signal/signal-channel";
import type { CallEvents } from "./call-types";

/** What `RoomInfo` needs from its Call. */
export interface RoomInfoContext {
  readonly emit: <E extends keyof CallEvents>(event: E, ...args: Parameters<CallEvents[E]>) => void;
  /** Something in the snapshot changed. */
  readonly changed: () => void;
}

/** The room as this participant sees it: its settings, the lobby (hosts only) and the chat. */
export class RoomInfo {
  readonly #ctx: RoomInfoContext;
  #room: RoomState | null = null;
  #lobby: readonly LobbyEntry[] = [];
  #messages: readonly ChatMessage[] = [];

  constructor(context: RoomInfoContext) {
    this.#ctx = context;
  }

  get room(): RoomState | null {
    return this.#room;
  }

  get lobby(): readonly LobbyEntry[] {
    return this.#lobby;
  }

  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  /** Follow the server's room, lobby and chat events; returns the unsubscribe functions. */
  listen(signal: SignalChannel): (() => void)[] {
    return [
      signal.on("room:updated", (room) => this.setRoom(room)),
      signal.on("chat:message", (m) => this.addMessage(m)),
      signal.on("recording:state", (state) => this.setRecording(state)),
      signal.on("lobby:updated", ({ waiting }) => {
        this.#lobby = waiting;
        this.#ctx.emit("lobbyChanged", waiting);
        this.#ctx.changed();
      }),
    ];
  }

  /** In the room (first join or re-join): the server's view replaces ours; chat history is merged. */
  joined(joined: Joined): void {
    this.#room = joined.room;
    this.#lobby = joined.lobby;
    const byId = new Map(this.#messages.map((m) => [m.id, m]));
    for (const m of joined.chatHistory) byId.set(m.id, m);
    this.#messages = [...byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    this.#ctx.emit("chatHistory", this.#messages);
    this.#ctx.changed();
  }

  /** Waiting in the lobby: we only know the room (the Call's state change announces it). */
  waiting(room: RoomState): void {
    this.#room = room;
  }

  setRoom(room: RoomState): void {
    this.#room = room;
    this.#ctx.emit("roomUpdated", room);
    this.#ctx.changed();
  }

  /**
   * Recording started or stopped (`recording:state`, or the host's own acknowledgement): `room.recording` follows,
   * whichever of it and `room:updated` arrives first, so the indicator never waits for the other.
   */
  setRecording(state: RecordingState): void {
    const room = this.#room;
    if (!room || room.meetingId !== state.meetingId || (room.recording ?? false) === state.recording) return;
    this.setRoom({ ...room, recording: state.recording });
  }

  addMessage(message: ChatMessage): void {
    // The sender gets its message both in the acknowledgement and as a broadcast: keep one.
    if (this.#messages.some((m) => m.id === message.id)) return;
    this.#messages = [...this.#messages, message];
    this.#ctx.emit("chatMessage", message);
    this.#ctx.changed();
  }
}
