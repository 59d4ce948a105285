import { SfuError } from "./errors";
import type { JanusConnection } from "./janus-connection";
import { JanusHandle } from "./janus-handle";
import type { JanusMessage } from "./janus-messages";
import { silentLogger, type SfuLogger } from "./logger";
import { TypedEmitter } from "./typed-emitter";

export type JanusSessionEvents = {
  /** The session is gone (socket dropped, Janus timed it out or restarted); its handles are dead too. */
  lost: (error: SfuError) => void;
};

export interface JanusSessionOptions {
  /** Must stay below Janus' session_timeout (60 s by default). Default 25 s. */
  keepaliveMs?: number;
  logger?: SfuLogger;
}

/** A Janus session: created on one connection, kept alive, owns handles, routes their events. */
export class JanusSession {
  readonly events: TypedEmitter<JanusSessionEvents>;
  readonly id: number;
  readonly #connection: JanusConnection;
  readonly #handles = new Map<number, JanusHandle>();
  readonly #logger: SfuLogger;
  readonly #keepalive: NodeJS.Timeout;
  readonly #unsubscribe: (() => void)[];
  #state: "open" | "lost" | "destroyed" = "open";

  private constructor(connection: JanusConnection, id: number, options: JanusSessionOptions) {
    this.#connection = connection;
    this.id = id;
    this.#logger = options.logger ?? silentLogger;
    this.events = new TypedEmitter((error) => this.#logger.error({ err: error }, "janus session listener failed"));
    this.#keepalive = setInterval(() => this.#sendKeepalive(), options.keepaliveMs ?? 25_000);
    this.#unsubscribe = [
      connection.events.on("sessionMessage", (sessionId, message) => {
        if (sessionId === this.id) this.#dispatch(message);
      }),
      connection.events.on("disconnected", (error) => this.#lose(error)),
    ];
  }

  /** Create a session on `connection`. */
  static async create(connection: JanusConnection, options: JanusSessionOptions = {}): Promise<JanusSession> {
    const reply = await connection.request({ janus: "create" });
    const id = reply.data?.id;
    if (typeof id !== "number") throw SfuError.unexpected("create");
    return new JanusSession(connection, id, options);
  }

  get open(): boolean {
    return this.#state === "open";
  }

  /** Attach a plugin handle (e.g. `janus.plugin.videoroom`); `opaqueId` shows up in Janus' admin API and logs. */
  async attach(plugin: string, opaqueId?: string): Promise<JanusHandle> {
    this.#assertOpen();
    const reply = await this.#connection.request({ janus: "attach", session_id: this.id, plugin, opaque_id: opaqueId });
    const id = reply.data?.id;
    if (typeof id !== "number") throw SfuError.unexpected("attach");
    const handle = new JanusHandle(this.#connection, this.id, id, this.#logger, () => this.#handles.delete(id));
    this.#handles.set(id, handle);
    return handle;
  }

  /** Destroy the session on Janus (best effort) and release everything. Safe to call twice. */
  async destroy(): Promise<void> {
    if (this.#state !== "open") return;
    this.#state = "destroyed";
    this.#release();
    await this.#connection.request({ janus: "destroy", session_id: this.id }).catch(() => undefined);
    for (const handle of this.#handles.values()) handle.markGone("session destroyed");
    this.#handles.clear();
  }

  #dispatch(message: JanusMessage): void {
    if (message.janus === "timeout") {
      this.#lose(new SfuError("sfu_unavailable", "janus session timed out"));
      return;
    }
    if (message.sender !== undefined) this.#handles.get(message.sender)?.dispatch(message);
  }

  #sendKeepalive(): void {
    if (this.#state !== "open" || !this.#connection.connected) return;
    this.#connection.request({ janus: "keepalive", session_id: this.id }).catch((error: SfuError) => {
      // 458 (session not found): Janus already dropped us, e.g. after a restart on the same socket address.
      if (error.janusCode === 458) this.#lose(error);
      else this.#logger.warn({ err: error, sessionId: this.id }, "janus keepalive failed");
    });
  }

  #lose(error: SfuError): void {
    if (this.#state !== "open") return;
    this.#state = "lost";
    this.#release();
    for (const handle of this.#handles.values()) handle.markGone(error.message);
    this.#handles.clear();
    this.#logger.warn({ sessionId: this.id, reason: error.message }, "janus session lost");
    this.events.emit("lost", error);
  }

  #release(): void {
    clearInterval(this.#keepalive);
    for (const off of this.#unsubscribe) off();
  }

  #assertOpen(): void {
    if (this.#state !== "open") throw SfuError.closed("janus session");
  }
}
