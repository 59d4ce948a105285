import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { SfuError } from "./errors";
import { janusMessageSchema, type JanusMessage } from "./janus-messages";
import { silentLogger, type SfuLogger } from "./logger";
import { TypedEmitter } from "./typed-emitter";

export interface JanusConnectionOptions {
  /** `ws://host:port`, or `ws+unix:///path/to.sock:/` (test harness). */
  url: string;
  protocol?: "janus-protocol" | "janus-admin-protocol";
  /** Added to every request: `apisecret` (Janus API) or `admin_secret` (Admin API). */
  auth: Record<string, string>;
  /** Default 10 s. */
  requestTimeoutMs?: number;
  /** Reconnect delays (doubling, capped); false: stay closed after a drop. */
  reconnect?: { initialDelayMs: number; maxDelayMs: number } | false;
  logger?: SfuLogger;
}

export type JanusConnectionEvents = {
  /** A message for a session (events, webrtcup, media, slowlink, hangup, detached, timeout). */
  sessionMessage: (sessionId: number, message: JanusMessage) => void;
  /** The socket dropped: every session on it is gone (Janus cleans up with reclaim_session_timeout 0). */
  disconnected: (error: SfuError) => void;
  /** A new socket is open after a drop. */
  reconnected: () => void;
};

type Pending = {
  resolve: (message: JanusMessage) => void;
  reject: (error: SfuError) => void;
  timer: NodeJS.Timeout;
  /** Async plugin requests answer `ack` first and the result later as an `event` with the same transaction. */
  awaitEvent: boolean;
  what: string;
};

/** One WebSocket to Janus: transactions, timeouts, event dispatch by session, reconnection with backoff. */
export class JanusConnection {
  readonly events: TypedEmitter<JanusConnectionEvents>;
  readonly #options: JanusConnectionOptions;
  readonly #logger: SfuLogger;
  readonly #pending = new Map<string, Pending>();
  #socket: WebSocket | null = null;
  #connecting: Promise<void> | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #reconnectDelay: number;
  #closed = false;

  constructor(options: JanusConnectionOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.events = new TypedEmitter((error) => this.#logger.error({ err: error }, "janus listener failed"));
    this.#reconnectDelay = options.reconnect ? options.reconnect.initialDelayMs : 0;
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Open the socket (resolves once open; rejects with sfu_unavailable if it cannot). */
  connect(): Promise<void> {
    if (this.#closed) return Promise.reject(SfuError.closed("janus connection"));
    if (this.connected) return Promise.resolve();
    this.#connecting ??= this.#open().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  /** Resolves at the next successful (re)connection. */
  whenConnected(): Promise<void> {
    return this.connected ? Promise.resolve() : this.events.once("reconnected").then(() => undefined);
  }

  /** Send a request; resolves with the reply (`success`, `server_info`, `ack`...) or, with awaitEvent, the `event`. */
  request(body: Record<string, unknown>, options: { awaitEvent?: boolean; timeoutMs?: number } = {}): Promise<JanusMessage> {
    const socket = this.#socket;
    if (this.#closed) return Promise.reject(SfuError.closed("janus connection"));
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(SfuError.disconnected());
    const transaction = randomUUID();
    const what = String(body.janus) + (body.body ? `:${String((body.body as { request?: unknown }).request)}` : "");
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(transaction);
        reject(SfuError.timeout(what));
      }, options.timeoutMs ?? this.#options.requestTimeoutMs ?? 10_000);
      this.#pending.set(transaction, { resolve, reject, timer, awaitEvent: options.awaitEvent ?? false, what });
      socket.send(JSON.stringify({ ...body, ...this.#options.auth, transaction }));
    });
  }

  /** Close for good: pending requests fail, no reconnection. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#failPending(SfuError.closed("janus connection"));
    this.#socket?.close();
    this.#socket = null;
    this.events.removeAll();
  }

  #open(): Promise<void> {
    return new Promise((resolve, reject) => {
      // NOTE: a host that vanishes without closing TCP (power loss, partition) would otherwise look connected for
      // minutes: connecting gives up after 5 s, and an open socket that misses two pings (5 s apart) is dropped.
      const socket = new WebSocket(this.#options.url, this.#options.protocol ?? "janus-protocol", { handshakeTimeout: 5_000 });
      let opened = false;
      let alive = true;
      const pinger = setInterval(() => {
        if (!alive) return void socket.terminate();
        alive = false;
        socket.ping();
      }, 5_000);
      pinger.unref();
      socket.on("pong", () => (alive = true));
      socket.on("close", () => clearInterval(pinger));
      socket.on("open", () => {
        opened = true;
        this.#socket = socket;
        if (this.#options.reconnect) this.#reconnectDelay = this.#options.reconnect.initialDelayMs;
        resolve();
      });
      socket.on("message", (data) => this.#handle(String(data)));
      socket.on("error", (error) => {
        if (!opened) reject(new SfuError("sfu_unavailable", `cannot reach Janus: ${error.message}`, { cause: error }));
      });
      socket.on("close", () => {
        if (!opened || this.#socket !== socket) return;
        this.#socket = null;
        const error = SfuError.disconnected();
        this.#failPending(error);
        this.#logger.warn({ url: this.#options.url }, "janus connection lost");
        this.events.emit("disconnected", error);
        this.#scheduleReconnect();
      });
    });
  }

  #scheduleReconnect(): void {
    const policy = this.#options.reconnect;
    if (this.#closed || !policy) return;
    const delay = this.#reconnectDelay;
    this.#reconnectDelay = Math.min(policy.maxDelayMs, Math.max(policy.initialDelayMs, delay * 2));
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      this.connect().then(
        () => {
          this.#logger.info({ url: this.#options.url }, "janus connection restored");
          this.events.emit("reconnected");
        },
        () => this.#scheduleReconnect(),
      );
    }, delay);
  }

  #handle(raw: string): void {
    let message: JanusMessage;
    try {
      message = janusMessageSchema.parse(JSON.parse(raw));
    } catch (error) {
      this.#logger.warn({ err: error }, "unparseable message from janus");
      return;
    }
    const pending = message.transaction ? this.#pending.get(message.transaction) : undefined;
    if (pending && message.transaction) {
      if (message.janus === "ack" && pending.awaitEvent) return;
      this.#pending.delete(message.transaction);
      clearTimeout(pending.timer);
      if (message.janus === "error" && message.error) pending.reject(SfuError.fromJanus(message.error.code, message.error.reason));
      else pending.resolve(message);
      return;
    }
    if (message.session_id !== undefined) this.events.emit("sessionMessage", message.session_id, message);
  }

  #failPending(error: SfuError): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }
}
