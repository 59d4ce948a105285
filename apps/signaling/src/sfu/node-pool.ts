import type { SfuRestart } from "@parley/protocol";
import { JanusNode, SfuError, SfuPool, probeJanusNode, type LoadTable, type SfuLogger, type SfuNodeConfig } from "@parley/janus";
import type { Clock } from "../clock";
import type { SfuConfig } from "../config";
import type { RoomStore } from "../rooms/room-store";

export interface SfuNodePoolDeps {
  config: SfuConfig;
  rooms: RoomStore;
  loadTable: LoadTable;
  clock: Clock;
  logger: SfuLogger;
  /** A connected node went down ("node_lost") or came back empty after a restart ("moved"). */
  onNodeLost: (nodeId: string, reason: SfuRestart["reason"]) => void;
}

/**
 * The Janus nodes this signaling node uses: their probed loads, the node each meeting is on (recorded in the room
 * document, so every signaling node uses the same one), and one API connection per node, opened on first use.
 */
export class SfuNodePool {
  readonly #deps: SfuNodePoolDeps;
  readonly #pool: SfuPool;
  readonly #configs: Map<string, SfuNodeConfig>;
  readonly #nodes = new Map<string, Promise<JanusNode>>();

  constructor(deps: SfuNodePoolDeps) {
    this.#deps = deps;
    this.#configs = new Map(deps.config.nodes.map((n) => [n.id, n]));
    this.#pool = new SfuPool({
      nodes: deps.config.nodes,
      loadTable: deps.loadTable,
      probe: (node) => probeJanusNode(node),
      probeIntervalMs: deps.config.probeIntervalMs,
      now: () => deps.clock.now().getTime(),
    });
  }

  /** Probe now and keep probing. */
  async start(): Promise<void> {
    await this.#pool.probeAll();
    this.#pool.start();
  }

  probeAll(): Promise<void> {
    return this.#pool.probeAll();
  }

  /** Ids of the nodes this process has connected to (or is connecting to). */
  connectedIds(): string[] {
    return [...this.#nodes.keys()];
  }

  /** The meeting ended elsewhere: no connected node brings its media room back after a Janus restart. */
  forgetRoomEverywhere(meetingId: string): void {
    for (const node of this.#nodes.values()) void node.then((n) => n.forgetRoom(meetingId), () => undefined);
  }

  /** The meeting's node: the one already recorded in the room, else the least-loaded healthy one (recorded now). */
  async assign(meetingId: string, exclude: readonly string[] = []): Promise<string> {
    const room = await this.#deps.rooms.get(meetingId);
    const current = room?.sfuNode;
    if (current && !exclude.includes(current) && this.#configs.has(current)) return current;
    // NOTE: right after start-up (or a failure) the loads may be stale: probe once before giving up.
    const picked = (await this.#pool.pick(exclude).catch(async () => {
      await this.#pool.probeAll();
      return this.#pool.pick(exclude);
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

  /** The API connection to a node, opened on first use (a failed attempt is retried next time). */
  node(nodeId: string): Promise<JanusNode> {
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
        connected.events.on("down", () => this.#deps.onNodeLost(nodeId, "node_lost"));
        connected.events.on("recovered", () => this.#deps.onNodeLost(nodeId, "moved"));
        return connected;
      });
      node.catch(() => this.#nodes.delete(nodeId)); // try again next time
      this.#nodes.set(nodeId, node);
    }
    return node;
  }

  /** Stop probing (the connections stay until `close()`). */
  stop(): void {
    this.#pool.stop();
  }

  async close(): Promise<void> {
    this.#pool.stop();
    await Promise.all([...this.#nodes.values()].map((n) => n.then((node) => node.close()).catch(() => undefined)));
  }
}
