import { randomBytes } from "node:crypto";
import type { ServerToClientEvents } from "@parley/protocol";
import { SfuError, type SfuLogger } from "@parley/janus";
import type { Clock } from "../clock";
import type { MediaRooms } from "./media-rooms";
import type { SfuNodePool } from "./node-pool";
import { SfuPeer } from "./sfu-peer";

export interface PublishInput {
  meetingId: string;
  participantId: string;
  display: string;
  socketId: string;
  offer: { type: "offer"; sdp: string };
  sources: Record<string, "microphone" | "camera" | "screen">;
  /** A new browser connection: whatever we still hold for this participant is stale. */
  fresh: boolean;
  /** Janus' directory for the meeting's running recording (a media room created now records from the start). */
  recordingDir?: string | undefined;
}

/**
 * `<participant>_<random>-publisher`: Janus names the files `<this>-<audio|video>-<mindex>.mjr`, and
 * @parley/recording reads each stream's source from the description it was published with (its `publisher` naming).
 */
export function recordingNameFor(participantId: string): string {
  const key = participantId.replace(/[^A-Za-z0-9-]/g, "").slice(0, 80) || "participant";
  return `${key}_${randomBytes(4).toString("hex")}-publisher`;
}

export interface SfuPeersDeps {
  nodes: SfuNodePool;
  mediaRooms: MediaRooms;
  /** Deliver to one socket, wherever it is connected. */
  toSocket: <E extends "sfu:offer" | "sfu:restart">(socketId: string, event: E, ...payload: Parameters<ServerToClientEvents[E]>) => void;
  clock: Clock;
  logger: SfuLogger;
}

/** The `SfuPeer` of each participant whose socket is connected to this signaling node, and the socket it answers on. */
export class SfuPeers {
  readonly #deps: SfuPeersDeps;
  readonly #peers = new Map<string, { peer: SfuPeer; socketId: string }>();
  /** The publish in progress per participant (they run one at a time). */
  readonly #publishing = new Map<string, Promise<unknown>>();

  constructor(deps: SfuPeersDeps) {
    this.#deps = deps;
  }

  /** Publish (or renegotiate) a participant's media; creates its peer on the meeting's node. */
  publish(input: PublishInput): Promise<{ type: "answer" | "offer"; sdp: string }> {
    // One at a time per participant: two fresh publishes racing (a restart during a restart) must not both build a
    // peer and kick each other out of the media room.
    const previous = this.#publishing.get(input.participantId) ?? Promise.resolve();
    const run = previous.then(
      () => this.#publish(input),
      () => this.#publish(input),
    );
    const settled = run.catch(() => undefined);
    this.#publishing.set(input.participantId, settled);
    void settled.then(() => {
      if (this.#publishing.get(input.participantId) === settled) this.#publishing.delete(input.participantId);
    });
    return run;
  }

  async #publish(input: PublishInput): Promise<{ type: "answer" | "offer"; sdp: string }> {
    let entry = this.#peers.get(input.participantId);
    if (entry && (input.fresh || entry.peer.closed || entry.peer.meetingId !== input.meetingId)) {
      this.#peers.delete(input.participantId);
      if (!entry.peer.closed) await entry.peer.close();
      entry = undefined;
    }
    if (!entry && !input.fresh) {
      // A renegotiation for a session this node does not hold (lost, or the client resumed here from another node):
      // answering it as a new connection would hand the browser offers it cannot apply. Start over instead.
      this.#deps.toSocket(input.socketId, "sfu:restart", { reason: "moved" });
      throw new SfuError("sfu_unavailable", "no media session for this connection here");
    }
    const created = !entry;
    if (!entry) {
      entry = { peer: await this.#createPeer(input), socketId: input.socketId };
      this.#peers.set(input.participantId, entry);
    }
    entry.socketId = input.socketId;
    try {
      return await entry.peer.publish(input.offer, input.sources);
    } catch (error) {
      // A failed first publish leaves nothing half-open behind; the client may simply try again. A failed
      // renegotiation (e.g. adding a screen) keeps the session: camera and microphone go on.
      if (created) {
        if (this.#peers.get(input.participantId) === entry) this.#peers.delete(input.participantId);
        await entry.peer.close();
      }
      throw error;
    }
  }

  async #createPeer(input: PublishInput): Promise<SfuPeer> {
    const { nodes, mediaRooms } = this.#deps;
    const node = await nodes.node(await nodes.assign(input.meetingId));
    await mediaRooms.ensure(node, input.meetingId, input.recordingDir);
    const peer: SfuPeer = new SfuPeer({
      node,
      meetingId: input.meetingId,
      participantId: input.participantId,
      display: input.display,
      recordingName: recordingNameFor(input.participantId),
      sendOffer: (offer) => {
        const current = this.#peers.get(input.participantId);
        if (current?.peer === peer) this.#deps.toSocket(current.socketId, "sfu:offer", offer);
      },
      kickStale: () => mediaRooms.kick(node, input.meetingId, input.participantId),
      onClosed: (closed) => {
        const current = this.#peers.get(input.participantId);
        if (current?.peer !== closed) return;
        // Lost on its own (session timed out, Janus hung up): the browser's connections are dead, start over.
        this.#peers.delete(input.participantId);
        this.#deps.toSocket(current.socketId, "sfu:restart", { reason: "node_lost" });
      },
      clock: this.#deps.clock,
      logger: this.#deps.logger,
    });
    return peer;
  }

  /** The peer of a participant whose socket is connected here (undefined: none, or lost). */
  peer(participantId: string): SfuPeer | undefined {
    const entry = this.#peers.get(participantId);
    return entry && !entry.peer.closed ? entry.peer : undefined;
  }

  /**
   * After a signaling reconnection: if this node still holds the participant's peer, route it to the new socket
   * and keep the media flowing ("ok"); otherwise the client must publish again ("restart").
   */
  sync(participantId: string, meetingId: string, socketId: string): "ok" | "restart" {
    const entry = this.#peers.get(participantId);
    if (!entry || entry.peer.closed || entry.peer.meetingId !== meetingId) return "restart";
    entry.socketId = socketId;
    // An offer sent while the link was down went nowhere: send it again on the new socket.
    entry.peer.resendPendingOffer();
    return "ok";
  }

  /** Close a participant's peer if it is held here for that meeting (undefined: it is not). */
  close(meetingId: string, participantId: string): Promise<void> | undefined {
    const entry = this.#peers.get(participantId);
    if (!entry || entry.peer.meetingId !== meetingId) return undefined;
    this.#peers.delete(participantId);
    return entry.peer.close();
  }

  /** Close every peer of a meeting held here. */
  async closeMeeting(meetingId: string): Promise<void> {
    await Promise.all(
      [...this.#peers].filter(([, e]) => e.peer.meetingId === meetingId).map(([id]) => this.close(meetingId, id)),
    );
  }

  /** A Janus node's sessions are gone: drop the peers on it; returns the meetings they were in. */
  dropNode(nodeId: string): Set<string> {
    const meetings = new Set<string>();
    for (const [participantId, { peer }] of [...this.#peers]) {
      if (peer.nodeId !== nodeId) continue;
      meetings.add(peer.meetingId);
      this.#peers.delete(participantId);
      void peer.close();
    }
    return meetings;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#peers.values()].map(({ peer }) => peer.close()));
    this.#peers.clear();
  }
}
