import type { Participant } from "@parley/protocol";
import type { RemoteTrackInfo } from "../peer/peer-session";
import type { SignalChannel } from "../signal/signal-channel";
import type { ConnectionQuality } from "../stats/quality";
import type { MediaTransport } from "../topology/media-transport";
import type { CallEvents, ParticipantLeftReason, RemoteParticipant, RemoteTrack } from "./call-types";
import { Roster } from "./roster";

/** What `Participants` needs from its Call. */
export interface ParticipantsContext {
  readonly emit: <E extends keyof CallEvents>(event: E, ...args: Parameters<CallEvents[E]>) => void;
  /** Something in the snapshot changed. */
  readonly changed: () => void;
  readonly transport: () => MediaTransport | null;
  /** Our own id: we are never our own remote participant. */
  readonly selfId: () => string | null;
  readonly onLeft: (participantId: string) => void;
}

/**
 * The remote participants of a Call: keeps the roster in line with the server's events and the transport's
 * tracks and connection states, asks the transport for a connection per participant, and emits the Call's
 * participant and track events.
 */
export class Participants {
  readonly #ctx: ParticipantsContext;
  readonly #roster = new Roster();

  constructor(context: ParticipantsContext) {
    this.#ctx = context;
  }

  get(id: string): RemoteParticipant | undefined {
    return this.#roster.get(id);
  }

  views(): RemoteParticipant[] {
    return this.#roster.views();
  }

  /** Tracks per participant (for matching stats to sources). */
  tracks(): Map<string, RemoteTrack[]> {
    return this.#roster.tracks();
  }

  /** Follow the server's joins and leaves; returns the unsubscribe functions. */
  listen(signal: SignalChannel): (() => void)[] {
    return [
      signal.on("participant:joined", (p) => this.join(p)),
      signal.on("participant:left", ({ participantId, reason }) => this.remove(participantId, reason)),
    ];
  }

  /** Someone joined (or is already there and changed). */
  join(info: Participant): void {
    if (info.id === this.#ctx.selfId()) return;
    if (this.#roster.has(info.id)) return this.update(info);
    const participant = this.#roster.add(info);
    this.#ctx.transport()?.addParticipant(info.id);
    this.#ctx.emit("participantJoined", participant);
    this.#ctx.changed();
  }

  update(info: Participant): void {
    this.#updated(this.#roster.update(info));
  }

  remove(id: string, reason: ParticipantLeftReason): void {
    if (!this.#roster.has(id)) return;
    this.#ctx.transport()?.removeParticipant(id); // emits trackRemoved for its tracks first
    const participant = this.#roster.remove(id);
    if (!participant) return;
    this.#ctx.onLeft(id);
    this.#ctx.emit("participantLeft", participant, reason);
    this.#ctx.changed();
  }

  /** Everyone goes: we re-joined with a new identity, went to the lobby, or the call closed. */
  removeAll(): void {
    for (const id of this.#roster.ids()) this.remove(id, "reset");
  }

  /** Replace the roster with the server's list (after a join or re-join). */
  sync(present: readonly Participant[]): void {
    const ids = new Set(present.map((p) => p.id));
    for (const id of this.#roster.ids()) if (!ids.has(id)) this.remove(id, "left");
    for (const p of present) this.join(p);
  }

  setQuality(id: string, quality: ConnectionQuality): void {
    this.#updated(this.#roster.setQuality(id, quality));
  }

  /**
   * Follow a (new) transport's tracks and connection states. With `ready`, a track reaches the roster only once
   * `ready(track)` resolves (during a topology switch: once it carries media, so tiles never go black). Returns a
   * function that stops following connection states (a transport being retired must not report "closed").
   */
  follow(transport: MediaTransport, ready?: (track: MediaStreamTrack) => Promise<void>): () => void {
    const gated = new Map<string, { cancelled: boolean }>();
    transport.events.on("trackAdded", (id, info) => {
      if (!ready) return this.#onTrack(id, info, true);
      const gate = { cancelled: false };
      gated.set(`${id}:${info.mid}`, gate);
      void ready(info.track).then(() => {
        gated.delete(`${id}:${info.mid}`);
        if (!gate.cancelled) this.#onTrack(id, info, true);
      });
    });
    transport.events.on("trackRemoved", (id, info) => {
      const gate = gated.get(`${id}:${info.mid}`);
      if (gate) {
        gate.cancelled = true;
        gated.delete(`${id}:${info.mid}`);
        return;
      }
      this.#onTrack(id, info, false);
    });
    let followStates = true;
    transport.events.on("connectionStateChanged", (id, state) => {
      if (followStates) this.#updated(this.#roster.setConnectionState(id, state));
    });
    return () => {
      followStates = false;
    };
  }

  #onTrack(participantId: string, info: RemoteTrackInfo, added: boolean): void {
    const track: RemoteTrack = { id: `${participantId}:${info.mid}`, participantId, source: info.source, track: info.track };
    const participant = this.#roster.setTrack(track, added);
    this.#ctx.emit(added ? "trackAdded" : "trackRemoved", track);
    this.#updated(participant);
  }

  /** A participant's view was replaced: tell listeners. */
  #updated(participant: RemoteParticipant | null): void {
    if (!participant) return;
    this.#ctx.emit("participantUpdated", participant);
    this.#ctx.changed();
  }
}
