import type { ChatMessage, MediaKind, Participant, Reaction, RecordingState, RoomState } from "@parley/protocol";
import { CallError } from "../errors";
import type { SignalChannel } from "../signal/signal-channel";

/** What `CallActions` needs from its Call. */
export interface CallActionsContext {
  readonly signal: SignalChannel;
  /** The meeting this call is for: recording requests name it, so a stale page never records another meeting. */
  readonly meetingId: string;
  /** Throws `closed` / `invalid_state` unless the call is connected. */
  readonly assertJoined: () => void;
  readonly applyParticipant: (participant: Participant) => void;
  readonly applyRoom: (room: RoomState) => void;
  readonly addMessage: (message: ChatMessage) => void;
  readonly applyRecording: (state: RecordingState) => void;
}

/**
 * The request/acknowledge actions of a joined participant: chat, hand, reactions, and the host's controls.
 * Each checks state first, and applies what the server acknowledged without waiting for the broadcast.
 */
export class CallActions {
  readonly #ctx: CallActionsContext;

  constructor(context: CallActionsContext) {
    this.#ctx = context;
  }

  async sendChatMessage(body: string): Promise<ChatMessage> {
    this.#ctx.assertJoined();
    if (body.trim().length === 0) throw CallError.invalidArgument("A chat message cannot be empty");
    const message = await this.#ctx.signal.request("chat:send", { body });
    this.#ctx.addMessage(message);
    return message;
  }

  async sendReaction(reaction: Reaction): Promise<void> {
    this.#ctx.assertJoined();
    await this.#ctx.signal.request("reaction:send", { reaction });
  }

  async raiseHand(): Promise<void> {
    this.#ctx.assertJoined();
    this.#ctx.applyParticipant(await this.#ctx.signal.request("hand:raise", {}));
  }

  async lowerHand(participantId?: string): Promise<void> {
    this.#ctx.assertJoined();
    this.#ctx.applyParticipant(await this.#ctx.signal.request("hand:lower", participantId ? { participantId } : {}));
  }

  async muteParticipant(participantId: string, kind: MediaKind): Promise<void> {
    this.#ctx.assertJoined();
    this.#ctx.applyParticipant(await this.#ctx.signal.request("host:mute", { participantId, kind }));
  }

  async removeParticipant(participantId: string, options: { block?: boolean } = {}): Promise<void> {
    this.#ctx.assertJoined();
    await this.#ctx.signal.request("host:remove", { participantId, block: options.block ?? false });
  }

  /** Host only: make someone a co-host (`cohost: true`) or a guest again. */
  async setCohost(participantId: string, cohost: boolean): Promise<void> {
    this.#ctx.assertJoined();
    this.#ctx.applyParticipant(await this.#ctx.signal.request(cohost ? "host:promote" : "host:demote", { participantId }));
  }

  async setRoomLocked(locked: boolean): Promise<void> {
    this.#ctx.assertJoined();
    this.#ctx.applyRoom(await this.#ctx.signal.request(locked ? "host:lock" : "host:unlock", {}));
  }

  async endForAll(): Promise<void> {
    this.#ctx.assertJoined();
    await this.#ctx.signal.request("host:end", {});
  }

  /** Host: start or stop recording the meeting (the server tells everyone; refusals come back as typed errors). */
  async setRecording(recording: boolean): Promise<RecordingState> {
    this.#ctx.assertJoined();
    const state = await this.#ctx.signal.request(recording ? "recording:start" : "recording:stop", { meetingId: this.#ctx.meetingId });
    this.#ctx.applyRecording(state);
    return state;
  }

  async decideLobby(lobbyId: string, admit: boolean): Promise<void> {
    this.#ctx.assertJoined();
    await this.#ctx.signal.request(admit ? "lobby:admit" : "lobby:deny", { participantId: lobbyId });
  }
}
