import { SfuError } from "./errors";
import { JanusConnection } from "./janus-connection";
import type { JanusHandle } from "./janus-handle";
import { JanusSession } from "./janus-session";
import { silentLogger, type SfuLogger } from "./logger";
import { TypedEmitter } from "./typed-emitter";
import { VIDEOROOM_PLUGIN, VideoRoomRooms, roomSpecSchema, type RoomSpec } from "./videoroom/rooms";

export interface JanusNodeOptions {
  /** Our name for the node (pool, logs, Redis keys). */
  id: string;
  /** Janus API WebSocket URL. */
  url: string;
  apiSecret: string;
  /** VideoRoom admin_key. */
  roomAdminKey: string;
  /** Below Janus' session_timeout. Default 25 s. */
  keepaliveMs?: number;
  requestTimeoutMs?: number;
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
  logger?: SfuLogger;
}

export type JanusNodeEvents = {
  /** The node is unreachable; every participant session on it is lost (their `lost` events fire too). */
  down: (error: SfuError) => void;
  /**
   * Reachable again (Janus restarted or the socket came back). Rooms we had created were re-created where missing;
   * participants must re-publish and re-subscribe (new sessions).
   */
  recovered: (info: { recreatedRooms: string[]; failedRooms: string[] }) => void;
};

/**
 * One Janus server as the signaling service sees it: a connection, a control session for room management that
 * survives reconnections, the rooms we created on it (with their secrets), and sessions for participants.
 */
export class JanusNode {
  readonly events: TypedEmitter<JanusNodeEvents>;
  readonly id: string;
  readonly rooms: VideoRoomRooms;
  readonly #options: JanusNodeOptions;
  readonly #connection: JanusConnection;
  readonly #logger: SfuLogger;
  /** Rooms we created here and their specs: recreated after a Janus restart. */
  readonly #created = new Map<string, RoomSpec>();
  #control: { session: JanusSession; handle: JanusHandle } | null = null;
  #restoring: Promise<void> | null = null;
  #closed = false;

  private constructor(options: JanusNodeOptions) {
    this.#options = options;
    this.id = options.id;
    this.#logger = options.logger ?? silentLogger;
    this.events = new TypedEmitter((error) => this.#logger.error({ err: error }, "janus node listener failed"));
    this.#connection = new JanusConnection({
      url: options.url,
      auth: { apisecret: options.apiSecret },
      requestTimeoutMs: options.requestTimeoutMs,
      reconnect: options.reconnect ?? { initialDelayMs: 200, maxDelayMs: 5_000 },
      logger: this.#logger,
    });
    this.rooms = new VideoRoomRooms(() => {
      if (!this.#control) throw SfuError.disconnected(`janus node ${this.id} is down`);
      return this.#control.handle;
    }, options.roomAdminKey);
    this.#connection.events.on("disconnected", (error) => {
      this.#control = null;
      this.events.emit("down", error);
    });
    this.#connection.events.on("reconnected", () => void this.#restore());
  }

  /** Connect and open the control session. */
  static async connect(options: JanusNodeOptions): Promise<JanusNode> {
    const node = new JanusNode(options);
    await node.#connection.connect();
    await node.#openControl();
    return node;
  }

  get up(): boolean {
    return this.#control !== null && this.#connection.connected;
  }

  /** Resolves once the node is up again after a drop (including room restoration). */
  async whenUp(): Promise<void> {
    if (this.up) return;
    await this.events.once("recovered");
  }

  /** Create a media room and remember it (with its secret) for destroy and for recovery. */
  async createRoom(spec: RoomSpec): Promise<void> {
    const parsed = roomSpecSchema.parse(spec);
    await this.rooms.create(parsed);
    this.#created.set(parsed.room, parsed);
  }

  /** Destroy a room we created. */
  async destroyRoom(room: string): Promise<void> {
    const spec = this.#created.get(room);
    if (!spec) throw new SfuError("sfu_room_not_found", `room ${room} was not created by this node`);
    await this.rooms.destroy(room, spec.secret);
    this.#created.delete(room);
  }

  /**
   * Start (recDir) or stop (null) recording a room; a room created here is recreated after a Janus restart in the
   * same state, so the recording goes on in the same directory.
   */
  async setRoomRecording(room: string, secret: string, recDir: string | null): Promise<void> {
    const spec = this.#created.get(room);
    if (spec) this.#created.set(room, { ...spec, recDir: recDir ?? undefined });
    await this.rooms.setRecording(room, secret, recDir);
  }

  /** Stop recreating a room after a Janus restart (another signaling node destroyed it, or it is no longer ours). */
  forgetRoom(room: string): void {
    this.#created.delete(room);
  }

  /** Rooms created through this node and not destroyed. */
  get createdRooms(): string[] {
    return [...this.#created.keys()];
  }

  /** A session for one participant (publisher + subscriber handles): its loss frees everything it held. */
  openSession(): Promise<JanusSession> {
    if (this.#closed) return Promise.reject(SfuError.closed(`janus node ${this.id}`));
    return JanusSession.create(this.#connection, { keepaliveMs: this.#options.keepaliveMs, logger: this.#logger });
  }

  /** Destroy the control session and close the connection. Rooms stay on Janus unless destroyed first. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#control?.session.destroy();
    this.#control = null;
    this.#connection.close();
    this.events.removeAll();
  }

  async #openControl(): Promise<void> {
    const session = await JanusSession.create(this.#connection, {
      keepaliveMs: this.#options.keepaliveMs,
      logger: this.#logger,
    });
    const handle = await session.attach(VIDEOROOM_PLUGIN, "parley-control");
    session.events.on("lost", () => {
      if (this.#control?.session !== session) return;
      this.#control = null;
      // A timed-out session without a dropped socket (e.g. a stalled event loop): reopen on the same socket.
      if (this.#connection.connected) void this.#restore();
    });
    this.#control = { session, handle };
  }

  #restore(): Promise<void> {
    this.#restoring ??= (async () => {
      try {
        await this.#openControl();
        const recreatedRooms: string[] = [];
        const failedRooms: string[] = [];
        for (const [room, spec] of this.#created) {
          try {
            if (await this.rooms.exists(room)) continue;
            await this.rooms.create(spec);
            recreatedRooms.push(room);
          } catch (error) {
            this.#logger.error({ err: error, room, node: this.id }, "could not recreate room");
            failedRooms.push(room);
          }
        }
        this.#logger.info({ node: this.id, recreatedRooms: recreatedRooms.length }, "janus node recovered");
        this.events.emit("recovered", { recreatedRooms, failedRooms });
      } catch (error) {
        this.#logger.error({ err: error, node: this.id }, "janus node recovery failed");
      }
    })().finally(() => (this.#restoring = null));
    return this.#restoring;
  }
}
