import { SfuError } from "./errors";
import type { JanusConnection } from "./janus-connection";
import { pluginErrorSchema, slowLinkSchema, type JanusMessage, type Jsep, type SlowLink } from "./janus-messages";
import type { SfuLogger } from "./logger";
import { TypedEmitter } from "./typed-emitter";

export type JanusHandleEvents = {
  /** An unsolicited plugin event (no transaction of ours), with its JSEP if any. */
  pluginEvent: (data: Record<string, unknown>, jsep: Jsep | undefined) => void;
  /** ICE and DTLS are up: media can flow. */
  webrtcUp: () => void;
  /** Janus started or stopped receiving media on an m-line. */
  media: (info: { type: string; mid?: string; receiving: boolean }) => void;
  slowLink: (info: SlowLink) => void;
  /** The PeerConnection closed (ICE failed, DTLS alert, hangup request...). */
  hangup: (reason: string) => void;
  /** The handle is gone (detached, or its session was lost). */
  gone: (reason: string) => void;
};

/** Reply to a plugin message: its `plugindata.data` and JSEP. */
export interface PluginReply {
  data: Record<string, unknown>;
  jsep: Jsep | undefined;
}

/** One plugin handle: plugin messages (sync or async), trickle, hangup, detach, and its events. */
export class JanusHandle {
  readonly events: TypedEmitter<JanusHandleEvents>;
  readonly sessionId: number;
  readonly id: number;
  readonly #connection: JanusConnection;
  readonly #onGone: () => void;
  #gone = false;

  constructor(connection: JanusConnection, sessionId: number, id: number, logger: SfuLogger, onGone: () => void) {
    this.#connection = connection;
    this.sessionId = sessionId;
    this.id = id;
    this.#onGone = onGone;
    this.events = new TypedEmitter((error) => logger.error({ err: error }, "janus handle listener failed"));
  }

  get gone(): boolean {
    return this.#gone;
  }

  /**
   * Send a plugin message. `async: false` for requests the plugin answers at once (create, list, destroy...);
   * `async: true` for those answered later with an event (join, publish, start, configure...).
   * Plugin errors (`error_code`) reject with a typed SfuError.
   */
  async message(body: Record<string, unknown>, options: { jsep?: Jsep; async: boolean; timeoutMs?: number }): Promise<PluginReply> {
    if (this.#gone) throw SfuError.closed("janus handle");
    const reply = await this.#connection.request(
      { janus: "message", session_id: this.sessionId, handle_id: this.id, body, ...(options.jsep ? { jsep: options.jsep } : {}) },
      { awaitEvent: options.async, timeoutMs: options.timeoutMs },
    );
    const data = reply.plugindata?.data;
    if (!data) throw SfuError.unexpected(String(body.request));
    const pluginError = pluginErrorSchema.safeParse(data);
    if (pluginError.success) throw SfuError.fromJanus(pluginError.data.error_code, pluginError.data.error);
    return { data, jsep: reply.jsep };
  }

  /** Forward a browser ICE candidate (null: end of candidates). */
  async trickle(candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null): Promise<void> {
    if (this.#gone) throw SfuError.closed("janus handle");
    await this.#connection.request({
      janus: "trickle",
      session_id: this.sessionId,
      handle_id: this.id,
      candidate: candidate ?? { completed: true },
    });
  }

  /** Close the PeerConnection but keep the handle. */
  async hangup(): Promise<void> {
    if (this.#gone) return;
    await this.#connection.request({ janus: "hangup", session_id: this.sessionId, handle_id: this.id });
  }

  /** Detach from the plugin. Safe to call twice; best effort when the connection is down. */
  async detach(): Promise<void> {
    if (this.#gone) return;
    this.markGone("detached");
    await this.#connection.request({ janus: "detach", session_id: this.sessionId, handle_id: this.id }).catch(() => undefined);
  }

  /** @internal Called by the session for messages whose sender is this handle. */
  dispatch(message: JanusMessage): void {
    switch (message.janus) {
      case "event":
        if (message.plugindata) this.events.emit("pluginEvent", message.plugindata.data, message.jsep);
        return;
      case "webrtcup":
        this.events.emit("webrtcUp");
        return;
      case "media":
        this.events.emit("media", {
          type: String(message.type),
          mid: typeof message.mid === "string" ? message.mid : undefined,
          receiving: message.receiving === true,
        });
        return;
      case "slowlink": {
        const info = slowLinkSchema.safeParse(message);
        if (info.success) this.events.emit("slowLink", info.data);
        return;
      }
      case "hangup":
        this.events.emit("hangup", typeof message.reason === "string" ? message.reason : "hangup");
        return;
      case "detached":
        this.markGone("detached by janus");
        return;
    }
  }

  /** @internal */
  markGone(reason: string): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#onGone();
    this.events.emit("gone", reason);
  }
}
