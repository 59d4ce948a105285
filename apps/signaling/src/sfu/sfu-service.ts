import { join } from "node:path";
import type { ServerToClientEvents, SfuRestart } from "@parley/protocol";
import { SfuError, type LoadTable, type SfuLogger } from "@parley/janus";
import type { Clock } from "../clock";
import type { SfuConfig } from "../config";
import type { RoomStore } from "../rooms/room-store";
import { MediaRooms } from "./media-rooms";
import { SfuNodePool } from "./node-pool";
import { SfuPeers, type PublishInput } from "./peers";
import type { SfuPeer } from "./sfu-peer";

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
  clock: Clock;
  logger: SfuLogger;
  /** Janus' recordings directory (RECORDINGS_DIR); undefined: recording is unavailable. */
  recordingsDir?: string | undefined;
}

/**
 * The SFU as this signaling node drives it: the Janus node pool (`SfuNodePool`), one media room per meeting
 * (`MediaRooms`) and the `SfuPeer` of each participant whose socket is connected here (`SfuPeers`). This class
 * ties them to the life of a call: members leaving, meetings closing, and a dead Janus node, whose meetings move to
 * another node while their clients are told to publish again.
 */
export class SfuService {
  readonly meshMax: number;
  readonly #deps: SfuServiceDeps;
  readonly #nodes: SfuNodePool;
  readonly #mediaRooms: MediaRooms;
  readonly #peers: SfuPeers;
  #closed = false;

  constructor(deps: SfuServiceDeps) {
    this.#deps = deps;
    this.meshMax = deps.config.meshMax;
    this.#nodes = new SfuNodePool({
      config: deps.config,
      rooms: deps.rooms,
      loadTable: deps.loadTable,
      clock: deps.clock,
      logger: deps.logger,
      onNodeLost: (nodeId, reason) => void this.#nodeLost(nodeId, reason),
    });
    this.#mediaRooms = new MediaRooms({ nodes: this.#nodes, secretKey: deps.secretKey, logger: deps.logger });
    this.#peers = new SfuPeers({
      nodes: this.#nodes,
      mediaRooms: this.#mediaRooms,
      toSocket: deps.toSocket,
      clock: deps.clock,
      logger: deps.logger,
    });
  }

  /** Probe now and keep probing. */
  start(): Promise<void> {
    return this.#nodes.start();
  }

  /** Publish (or renegotiate) a participant's media; creates its peer on the meeting's node. */
  publish(input: PublishInput & { recordingId?: string | undefined }): Promise<{ type: "answer" | "offer"; sdp: string }> {
    const { recordingId, ...rest } = input;
    return this.#peers.publish({ ...rest, recordingDir: recordingId ? this.recordingDir(recordingId) : undefined });
  }

  /** Whether recordings can be made (a recordings directory is configured). */
  get canRecord(): boolean {
    return this.#deps.recordingsDir !== undefined;
  }

  /** Where Janus writes one recording's files: `<RECORDINGS_DIR>/<recordingId>`. */
  recordingDir(recordingId: string): string {
    if (!this.#deps.recordingsDir) throw new Error("no recordings directory configured");
    return join(this.#deps.recordingsDir, recordingId);
  }

  /**
   * Janus records every publisher of the meeting (those publishing now and later) into the recording's directory.
   * The media room is created (recording) if nobody published yet, e.g. a mesh call that is moving to the SFU.
   */
  async startRecording(meetingId: string, recordingId: string): Promise<void> {
    const dir = this.recordingDir(recordingId);
    const node = await this.#nodes.node(await this.#nodes.assign(meetingId));
    await this.#mediaRooms.ensure(node, meetingId, dir);
    await this.#mediaRooms.setRecording(node, meetingId, dir);
  }

  /**
   * Janus stops recording the meeting; its files are complete when this resolves. A media room that is gone (the
   * meeting ended, the node died) has nothing left to stop.
   */
  async stopRecording(meetingId: string, nodeHint?: string | null): Promise<void> {
    const nodeId = (await this.#deps.rooms.get(meetingId))?.sfuNode ?? nodeHint;
    if (!nodeId) return;
    try {
      await this.#mediaRooms.setRecording(await this.#nodes.node(nodeId), meetingId, null);
    } catch (error) {
      if (error instanceof SfuError && error.code === "sfu_room_not_found") return;
      throw error;
    }
  }

  /** The peer of a participant whose socket is connected here (undefined: none, or lost). */
  peer(participantId: string): SfuPeer | undefined {
    return this.#peers.peer(participantId);
  }

  /** See `SfuPeers.sync`: "ok" when this node still holds the participant's peer, else "restart". */
  sync(participantId: string, meetingId: string, socketId: string): "ok" | "restart" {
    return this.#peers.sync(participantId, meetingId, socketId);
  }

  /** Another signaling node saw this participant leave (or the meeting end): close its peer if it is here. */
  dropLocal(meetingId: string, participantId?: string): Promise<void> {
    if (participantId) return this.#peers.close(meetingId, participantId) ?? Promise.resolve();
    // The meeting ended elsewhere: its media room is gone, do not bring it back after a Janus restart.
    this.#nodes.forgetRoomEverywhere(meetingId);
    return this.#peers.closeMeeting(meetingId);
  }

  /**
   * A member left the call (left, removed, grace expired), on whichever node noticed. Close its peer if it is here,
   * else kick it out of the media room (its own node's peer closes when Janus tells it). The last one out destroys
   * the media room.
   */
  async memberLeft(meetingId: string, participantId: string): Promise<void> {
    const local = this.#peers.close(meetingId, participantId);
    // Its session may live on the node its socket was on: that node closes it (a kick alone leaves its handles).
    if (!local) this.#deps.toOtherNodes({ meetingId, participantId });
    const room = await this.#deps.rooms.get(meetingId);
    if (!room) return this.meetingClosed(meetingId, null);
    if (!room.sfuNode) return;
    await local;
    if (local !== undefined) return;
    await this.#mediaRooms.kickOnNode(room.sfuNode, meetingId, participantId);
  }

  /** The meeting's room is gone (ended for all, or the last member left): close its peers and its media room. */
  async meetingClosed(meetingId: string, nodeHint: string | null | undefined): Promise<void> {
    this.#deps.toOtherNodes({ meetingId });
    await this.#peers.closeMeeting(meetingId);
    // The room document (and its node) may be gone already: then try every node this process is connected to.
    const candidates = nodeHint ? [nodeHint] : this.#nodes.connectedIds();
    for (const nodeId of candidates) await this.#mediaRooms.destroyOnNode(nodeId, meetingId, !nodeHint);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#nodes.stop();
    await this.#peers.closeAll();
    await this.#nodes.close();
  }

  /**
   * A Janus node went down (or came back empty after a restart): every session there is gone. Meetings on it move
   * to another node (the same one if it is back and no other is healthy) and their clients publish again.
   */
  async #nodeLost(nodeId: string, reason: SfuRestart["reason"]): Promise<void> {
    if (this.#closed) return;
    const meetings = this.#peers.dropNode(nodeId);
    if (reason === "node_lost") await this.#nodes.probeAll().catch(() => undefined);
    for (const meetingId of meetings) {
      try {
        const room = await this.#deps.rooms.get(meetingId);
        if (!room) continue;
        if (reason === "node_lost" && room.sfuNode === nodeId) {
          await this.#nodes.assign(meetingId, [nodeId]).catch(() => undefined);
        }
        this.#deps.logger.warn({ meetingId, nodeId, reason }, "sfu node lost: clients publish again");
        this.#deps.toMeeting(meetingId, "sfu:restart", { reason });
      } catch (error) {
        this.#deps.logger.error({ err: error, meetingId, nodeId }, "moving a meeting off a lost sfu node failed");
      }
    }
  }
}
