import { createHmac } from "node:crypto";
import { JANUS_ERROR, SfuError, type JanusNode, type SfuLogger } from "@parley/janus";
import type { SfuNodePool } from "./node-pool";

/**
 * One Janus VideoRoom per meeting, created by us with a per-meeting secret derived from `secretKey` (the secret
 * never leaves the signaling service; browsers never talk to Janus' API).
 */
export class MediaRooms {
  readonly #nodes: SfuNodePool;
  readonly #secretKey: Uint8Array;
  readonly #logger: SfuLogger;

  constructor(deps: { nodes: SfuNodePool; secretKey: Uint8Array; logger: SfuLogger }) {
    this.#nodes = deps.nodes;
    this.#secretKey = deps.secretKey;
    this.#logger = deps.logger;
  }

  /** Create the meeting's media room on `node` unless it exists; with `recDir` it records from the start. */
  async ensure(node: JanusNode, meetingId: string, recDir?: string): Promise<void> {
    // NOTE: asked every time (one cheap request per new peer): another signaling node may have destroyed the room
    // when its last member left, whatever we remember.
    if (await node.rooms.exists(meetingId)) return;
    try {
      await node.createRoom({ room: meetingId, secret: this.#secret(meetingId), description: "parley", ...(recDir ? { recDir } : {}) });
    } catch (error) {
      // Another signaling node created it a moment ago.
      if (!(error instanceof SfuError) || error.janusCode !== JANUS_ERROR.videoroom.roomExists) throw error;
    }
  }

  /** Record every publisher of the meeting's media room into `recDir`, or stop recording (null). */
  setRecording(node: JanusNode, meetingId: string, recDir: string | null): Promise<void> {
    return node.setRoomRecording(meetingId, this.#secret(meetingId), recDir);
  }

  /** Kick a participant's publisher out of the media room (throws as Janus answers). */
  kick(node: JanusNode, meetingId: string, participantId: string): Promise<void> {
    return node.rooms.kick(meetingId, this.#secret(meetingId), participantId);
  }

  /** Kick a participant whose session is not held here; one that never published or already left is fine. */
  async kickOnNode(nodeId: string, meetingId: string, participantId: string): Promise<void> {
    try {
      await this.kick(await this.#nodes.node(nodeId), meetingId, participantId);
    } catch (error) {
      // 428 (no such feed): it never published or already left.
      if (!(error instanceof SfuError) || error.code !== "sfu_invalid_state") {
        this.#logger.warn({ err: error, meetingId, participantId }, "sfu kick failed");
      }
    }
  }

  /**
   * Destroy the meeting's media room on a node and keep the node from recreating it after a restart. With
   * `onlyIfExists` (the node is a guess) a node without the room is left alone.
   */
  async destroyOnNode(nodeId: string, meetingId: string, onlyIfExists: boolean): Promise<void> {
    try {
      const node = await this.#nodes.node(nodeId);
      node.forgetRoom(meetingId);
      if (onlyIfExists && !(await node.rooms.exists(meetingId))) return;
      await node.rooms.destroy(meetingId, this.#secret(meetingId));
    } catch (error) {
      if (!(error instanceof SfuError) || error.code !== "sfu_room_not_found") {
        this.#logger.warn({ err: error, meetingId, nodeId }, "destroying a media room failed");
      }
    }
  }

  #secret(meetingId: string): string {
    return createHmac("sha256", this.#secretKey).update(`janus-room:${meetingId}`).digest("base64url");
  }
}
