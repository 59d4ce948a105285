import type { IceServer, Topology, VideoLayer } from "@parley/protocol";
import type { CallError } from "../errors";
import type { MediaTransport } from "../topology/media-transport";
import type { CallOptions } from "./call-types";
import type { Participants } from "./participants";
import { createMediaTransport } from "./transport-factory";

/** What `Transports` needs from its Call. */
export interface TransportsContext {
  readonly options: CallOptions;
  readonly participants: Participants;
  readonly onError: (error: CallError) => void;
  /** When a participant (ourselves included) joined: decides who offers first in a mesh. */
  readonly joinedAt?: (participantId: string) => string | undefined;
  /** How long the old transport may keep running after a switch (ms, default 4000). */
  readonly retireAfterMs?: number;
}

interface Current {
  readonly transport: MediaTransport;
  readonly topology: Topology;
  /** Stop reporting its connection states (when it is retired). */
  readonly stopStates: () => void;
}

/**
 * The Call's media transport and its replacement when the room changes topology (mesh → SFU when the meeting
 * grows). Make-before-break: the new transport starts at once, its tracks reach the UI only once they carry
 * media, and the old one keeps playing until every camera has arrived through the new one (or `retireAfterMs`).
 */
export class Transports {
  readonly #ctx: TransportsContext;
  readonly #preferences = new Map<string, VideoLayer>();
  #current: Current | null = null;
  #retiring: { current: Current; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(context: TransportsContext) {
    this.#ctx = context;
  }

  get current(): MediaTransport | null {
    return this.#current?.transport ?? null;
  }

  get topology(): Topology | null {
    return this.#current?.topology ?? null;
  }

  /** The transport for `topology`, created if there is none yet. */
  open(topology: Topology, selfId: string, iceServers: readonly IceServer[]): MediaTransport {
    if (this.#current) return this.#current.transport;
    const transport = this.#create(topology, selfId, iceServers);
    this.#current = { transport, topology, stopStates: this.#ctx.participants.follow(transport) };
    return transport;
  }

  /** Move to another topology without anyone leaving; a no-op when it is the current one. */
  switchTo(topology: Topology, selfId: string, iceServers: readonly IceServer[], remoteIds: readonly string[]): void {
    const old = this.#current;
    if (!old || old.topology === topology) return;
    const transport = this.#create(topology, selfId, iceServers);
    const waiting = new Set(remoteIds);
    const stopStates = this.#ctx.participants.follow(transport, (track) => carriesMedia(track, 1_500));
    transport.events.on("trackAdded", (id, info) => {
      if (info.source !== "camera") return;
      void carriesMedia(info.track, 1_500).then(() => {
        waiting.delete(id);
        if (waiting.size === 0) this.#retire(old);
      });
    });
    this.#current = { transport, topology, stopStates };
    for (const id of remoteIds) transport.addParticipant(id);
    if (this.#preferences.size > 0) transport.setVideoPreferences?.(this.#preferences);
    this.#retireLater(old);
  }

  /** Camera quality per participant (SFU only; remembered across switches). */
  setVideoPreferences(preferences: ReadonlyMap<string, VideoLayer>): void {
    for (const [id, layer] of preferences) this.#preferences.set(id, layer);
    this.#current?.transport.setVideoPreferences?.(preferences);
  }

  /** Renewed TURN credentials: for the current transport (and the one being retired, still in use briefly). */
  updateIceServers(servers: readonly IceServer[]): void {
    this.#current?.transport.updateIceServers?.(servers);
    this.#retiring?.current.transport.updateIceServers?.(servers);
  }

  /** Someone left: the transport being retired lets go of them too. */
  removeParticipant(id: string): void {
    this.#preferences.delete(id);
    this.#retiring?.current.transport.removeParticipant(id);
  }

  close(): void {
    this.#current?.transport.close();
    this.#current = null;
    if (this.#retiring) this.#retire(this.#retiring.current);
    this.#preferences.clear();
  }

  #create(topology: Topology, selfId: string, iceServers: readonly IceServer[]): MediaTransport {
    const transport = createMediaTransport({ topology, selfId, iceServers, joinedAt: this.#ctx.joinedAt ?? (() => undefined) }, this.#ctx.options);
    transport.events.on("error", (error) => this.#ctx.onError(error));
    return transport;
  }

  #retireLater(old: Current): void {
    if (this.#retiring) this.#retire(this.#retiring.current);
    const timer = setTimeout(() => this.#retire(old), this.#ctx.retireAfterMs ?? 4_000);
    this.#retiring = { current: old, timer };
  }

  #retire(old: Current): void {
    if (this.#retiring?.current === old) {
      clearTimeout(this.#retiring.timer);
      this.#retiring = null;
    }
    // Its tracks leave the roster (the new transport's are there already); its "closed" states must not.
    old.stopStates();
    old.transport.close();
  }
}

/** Resolves once `track` receives media (it starts muted until the first packets arrive), or after `timeoutMs`. */
export function carriesMedia(track: MediaStreamTrack, timeoutMs: number): Promise<void> {
  if (!track.muted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      track.removeEventListener?.("unmute", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    track.addEventListener?.("unmute", done);
  });
}
