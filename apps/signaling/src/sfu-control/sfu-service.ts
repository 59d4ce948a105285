import { createHmac } from "node:crypto";
import type { ServerToClientEvents, SfuRestart } from "@parley/protocol";
import type { SfuConfig } from "../config";
import type { RoomStore } from "../rooms/room-store";
import {
  JANUS_ERROR,
  JanusNode,
  SfuError,
  SfuPool,
  probeJanusNode,
  type LoadTable,
  type SfuLogger,
  type SfuNodeConfig,
} from "../sfu";
import { SfuPeer } from "./sfu-peer";

interface PublishInput {
  meetingId: string;
  participantId: string;
  display: string;
  socketId: string;
  offer: { type: "offer"; sdp: string };
  sources: Record<string, "microphone" | "camera" | "screen">;
  /** A new browser connection: whatever we still hold for this participant is stale. */
  fresh: boolean;
}

export interface SfuServiceDeps {
  config: SfuConfig;
  rooms: RoomStore;
  loadTable: LoadTable;
  /** Derives each media room's secret (never leaves the signaling service). */
  secretKey: Uint8Array;
  /** Deliver to one socket, wherever it is connected. */
  toSocket: <E extends "sfu:offer" | "sfu:restart">(socketId: string, event: E, ...payload: Parameters<ServerToClientEvents[E]>) => void;
  /** Tell the other signaling nodes to close their SFU session(s) for a participant or a whole meeting. */
  toOtherNodes: (drop: { meetingId: string; participantId?: string }) => void;
  /** Deliver to everyone in a meeting. */
  toMeeting: (meetingId: string, event: "sfu:restart", payload: SfuRestart) => void;
  logger: SfuLogger;
}

/**
 * The SFU as this signaling node drives it: the Janus node pool (probed loads, least-loaded choice), one media room
 * per meeting on the node recorded in the room document (so every signaling node uses the same one), and the
 * `SfuPeer` of each participant whose socket is connected here. A dead Janus node's meetings move to another node
 * and their clients are told to publish again.
 */
export class SfuService {
  readonly meshMax: number;
  readonly pool: SfuPool;
  readonly #deps: SfuServiceDeps;
  readonly #configs: Map<string, SfuNodeConfig>;
  readonly #nodes = new Map<string, Promise<JanusNode>>();
  readonly #peers = new Map<string, { peer: SfuPeer; socketId: string }>();
  /** Media rooms known to exist, per node (forgotten when the node restarts). */
  readonly #ensured = new Map<string, Set<string>>();
  /** The publish in progress per participant (they run one at a time). */
  readonly #publishing = new Map<string, Promise<unknown>>();
  #closed = false;

  constructor(deps: SfuServiceDeps) {
    this.#deps = deps;
    this.meshMax = deps.config.meshMax;
    this.#configs = new Map(deps.config.nodes.map((n) => [n.id, n]));
    this.pool = new SfuPool({
      nodes: deps.config.nodes,
      loadTable: deps.loadTable,
      probe: (node) => probeJanusNode(node),
      probeIntervalMs: deps.config.probeIntervalMs,
    });
  }

  /** Probe now and keep probing. */
  async start(): Promise<void> {
    await this.pool.probeAll();
    this.pool.start();
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
      const nodeId = await this.#assignNode(input.meetingId);
      const node = await this.#node(nodeId);
      await this.#ensureRoom(node, input.meetingId);
      const peer: SfuPeer = new SfuPeer({
        node,
        meetingId: input.meetingId,
        participantId: input.participantId,
        display: input.display,
        sendOffer: (offer) => {
          const current = this.#peers.get(input.participantId);
          if (current?.peer === peer) this.#deps.toSocket(current.socketId, "sfu:offer", offer);
        },
        kickStale: () => node.rooms.kick(input.meetingId, this.#roomSecret(input.meetingId), input.participantId),
        onClosed: (closed) => {
          const current = this.#peers.get(input.participantId);
          if (current?.peer !== closed) return;
          // Lost on its own (session timed out, Janus hung up): the browser's connections are dead, start over.
          this.#peers.delete(input.participantId);
          this.#deps.toSocket(current.socketId, "sfu:restart", { reason: "node_lost" });
        },
        logger: this.#deps.logger,
      });
      entry = { peer, socketId: input.socketId };
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

  /** Another signaling node saw this participant leave (or the meeting end): close its peer if it is here. */
  dropLocal(meetingId: string, participantId?: string): Promise<void> {
    if (participantId) return this.#closeLocal(meetingId, participantId) ?? Promise.resolve();
    // The meeting ended elsewhere: its media room is gone, do not bring it back after a Janus restart.
    for (const node of this.#nodes.values()) void node.then((n) => n.forgetRoom(meetingId), () => undefined);
    return Promise.all(
      [...this.#peers].filter(([, e]) => e.peer.meetingId === meetingId).map(([id]) => this.#closeLocal(meetingId, id)),
    ).then(() => undefined);
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

  /**
   * A member left the call (left, removed, grace expired), on whichever node noticed. Close its peer if it is here,
   * else kick it out of the media room (its own node's peer closes when Janus tells it). The last one out destroys
   * the media room.
   */
  async memberLeft(meetingId: string, participantId: string): Promise<void> {
    const local = this.#closeLocal(meetingId, participantId);
    // Its session may live on the node its socket was on: that node closes it (a kick alone leaves its handles).
    if (!local) this.#deps.toOtherNodes({ meetingId, participantId });
    const room = await this.#deps.rooms.get(meetingId);
    if (!room) return this.meetingClosed(meetingId, null);
    if (!room.sfuNode) return;
    await local;
    if (local !== undefined) return;
    try {
      const node = await this.#node(room.sfuNode);
      await node.rooms.kick(meetingId, this.#roomSecret(meetingId), participantId);
    } catch (error) {
      // 428 (no such feed): it never published or already left.
      if (!(error instanceof SfuError) || error.code !== "sfu_invalid_state") {
        this.#deps.logger.warn({ err: error, meetingId, participantId }, "sfu kick failed");
      }
    }
  }

  /** The meeting's room is gone (ended for all, or the last member left): close its peers and its media room. */
  async meetingClosed(meetingId: string, nodeHint: string | null | undefined): Promise<void> {
    this.#deps.toOtherNodes({ meetingId });
    await Promise.all(
      [...this.#peers].filter(([, e]) => e.peer.meetingId === meetingId).map(([id]) => this.#closeLocal(meetingId, id)),
    );
    // The room document (and its node) may be gone already: then try every node this process is connected to.
    const candidates = nodeHint ? [nodeHint] : [...this.#nodes.keys()];
    for (const nodeId of candidates) {
      this.#ensured.get(nodeId)?.delete(meetingId);
      try {
        const node = await this.#node(nodeId);
        node.forgetRoom(meetingId);
        if (!nodeHint && !(await node.rooms.exists(meetingId))) continue;
        await node.rooms.destroy(meetingId, this.#roomSecret(meetingId));
      } catch (error) {
        if (!(error instanceof SfuError) || error.code !== "sfu_room_not_found") {
          this.#deps.logger.warn({ err: error, meetingId, nodeId }, "destroying a media room failed");
        }
      }
    }
  }

  #closeLocal(meetingId: string, participantId: string): Promise<void> | undefined {
    const entry = this.#peers.get(participantId);
    if (!entry || entry.peer.meetingId !== meetingId) return undefined;
    this.#peers.delete(participantId);
    return entry.peer.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.pool.stop();
    await Promise.all([...this.#peers.values()].map(({ peer }) => peer.close()));
    this.#peers.clear();
    await Promise.all([...this.#nodes.values()].map((n) => n.then((node) => node.close()).catch(() => undefined)));
  }

  // ---- internals ----------------------------------------------------------------------------------

  /** The meeting's node: the one already recorded in the room, else the least-loaded healthy one (recorded now). */
  async #assignNode(meetingId: string, exclude: readonly string[] = []): Promise<string> {
    const room = await this.#deps.rooms.get(meetingId);
    const current = room?.sfuNode;
    if (current && !exclude.includes(current) && this.#configs.has(current)) return current;
    // NOTE: right after start-up (or a failure) the loads may be stale: probe once before giving up.
    const picked = (await this.pool.pick(exclude).catch(async () => {
      await this.pool.probeAll();
      return this.pool.pick(exclude);
    })).id;
    return this.#deps.rooms.update(meetingId, (stored) => {
      if (!stored) throw new SfuError("sfu_invalid_state", "the meeting has no room");
      const recorded = stored.sfuNode;
      // Another participant (maybe on another signaling node) chose first: use theirs.
      if (recorded && recorded !== current && this.#configs.has(recorded)) return { room: stored, result: recorded, unchanged: true };
      stored.sfuNode = picked;
      return { room: stored, result: picked };
    });
  }

  #node(nodeId: string): Promise<JanusNode> {
    let node = this.#nodes.get(nodeId);
    if (!node) {
      const config = this.#configs.get(nodeId);
      if (!config) return Promise.reject(new SfuError("sfu_unavailable", `unknown SFU node ${nodeId}`));
      node = JanusNode.connect({
        id: config.id,
        url: config.url,
        apiSecret: config.apiSecret,
        roomAdminKey: config.roomAdminKey,
        logger: this.#deps.logger,
      }).then((connected) => {
        connected.events.on("down", () => void this.#nodeLost(nodeId, "node_lost"));
        connected.events.on("recovered", () => void this.#nodeLost(nodeId, "moved"));
        return connected;
      });
      node.catch(() => this.#nodes.delete(nodeId)); // try again next time
      this.#nodes.set(nodeId, node);
    }
    return node;
  }

  async #ensureRoom(node: JanusNode, meetingId: string): Promise<void> {
    const ensured = this.#ensured.get(node.id) ?? new Set<string>();
    this.#ensured.set(node.id, ensured);
    // NOTE: asked every time (one cheap request per new peer): another signaling node may have destroyed the room
    // when its last member left, whatever we remember.
    if (!(await node.rooms.exists(meetingId))) {
      try {
        await node.createRoom({ room: meetingId, secret: this.#roomSecret(meetingId), description: "parley" });
      } catch (error) {
        // Another signaling node created it a moment ago.
        if (!(error instanceof SfuError) || error.janusCode !== JANUS_ERROR.videoroom.roomExists) throw error;
      }
    }
    ensured.add(meetingId);
  }

  /**
   * A Janus node went down (or came back empty after a restart): every session there is gone. Meetings on it move
   * to another node (the same one if it is back and no other is healthy) and their clients publish again.
   */
  async #nodeLost(nodeId: string, reason: SfuRestart["reason"]): Promise<void> {
    if (this.#closed) return;
    this.#ensured.delete(nodeId);
    const meetings = new Set<string>();
    for (const [participantId, { peer }] of [...this.#peers]) {
      if (peer.nodeId !== nodeId) continue;
      meetings.add(peer.meetingId);
      this.#peers.delete(participantId);
      void peer.close();
    }
    if (reason === "node_lost") await this.pool.probeAll().catch(() => undefined);
    for (const meetingId of meetings) {
      try {
        const room = await this.#deps.rooms.get(meetingId);
        if (!room) continue;
        if (reason === "node_lost" && room.sfuNode === nodeId) {
          await this.#assignNode(meetingId, [nodeId]).catch(() => undefined);
        }
        this.#deps.logger.warn({ meetingId, nodeId, reason }, "sfu node lost: clients publish again");
        this.#deps.toMeeting(meetingId, "sfu:restart", { reason });
      } catch (error) {
        this.#deps.logger.error({ err: error, meetingId, nodeId }, "moving a meeting off a lost sfu node failed");
      }
    }
  }

  #roomSecret(meetingId: string): string {
    return createHmac("sha256", this.#deps.secretKey).update(`janus-room:${meetingId}`).digest("base64url");
  }
}
