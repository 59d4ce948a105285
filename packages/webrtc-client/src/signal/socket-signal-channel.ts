import { RETRY_DEFAULTS } from "../retry/backoff";
import {
  clientResultSchemas,
  protocolErrorSchema,
  serverEventSchemas,
  type Ack,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResults,
  type ClientToServerEvents,
  type ServerEventName,
  type ServerToClientEvents,
} from "@parley/protocol";
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import { CallError } from "../errors";
import type { SignalChannel } from "./signal-channel";

export interface SocketSignalChannelOptions {
  /** Signaling service URL, e.g. `http://127.0.0.1:4001`. */
  readonly url: string;
  /** Per-request acknowledgement timeout. */
  readonly requestTimeoutMs?: number;
  /** Extra socket.io options (path, transports, ...). */
  readonly socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

export type ParleySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The socket.io implementation of `SignalChannel`. */
export function createSocketSignalChannel(options: SocketSignalChannelOptions): SignalChannel {
  const socket: ParleySocket = io(options.url, {
    autoConnect: false,
    transports: ["websocket"],
    // NOTE: socket.io's own exponential backoff (doubling from 250 ms), capped low so that a restarted signaling
    // server is found again within a couple of seconds, yet each client tries at most every 2 s while it stays
    // down; the jitter spreads the herd when it is back.
    reconnectionDelay: RETRY_DEFAULTS.reconnect.baseMs,
    reconnectionDelayMax: RETRY_DEFAULTS.reconnect.maxMs,
    randomizationFactor: 0.5,
    ...options.socketOptions,
  });
  return new SocketSignalChannel(socket, options.requestTimeoutMs ?? 10_000);
}

export class SocketSignalChannel implements SignalChannel {
  readonly #socket: ParleySocket;
  readonly #timeoutMs: number;
  #closed = false;

  constructor(socket: ParleySocket, timeoutMs: number) {
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    this.#socket.on("disconnect", (reason) => {
      // NOTE: socket.io does not reconnect by itself after a server-side disconnect (e.g. a graceful
      // restart of the signaling service). The Call decides when a call is over and closes us then.
      if (reason === "io server disconnect" && !this.#closed) {
        setTimeout(() => {
          if (!this.#closed && !this.#socket.connected) this.#socket.connect();
        }, 250);
      }
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  connect(): void {
    if (this.#closed) throw CallError.closed("signal channel");
    if (!this.#socket.connected && !this.#socket.active) this.#socket.connect();
  }

  request<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<ClientEventResults[E]> {
    if (this.#closed) return Promise.reject(CallError.closed("signal channel"));
    if (!this.#socket.connected) return Promise.reject(CallError.disconnected());
    return new Promise((resolve, reject) => {
      // socket.io's typed emit cannot relate a generic E to its own argument list; the mapped types guarantee it.
      const timed = this.#socket.timeout(this.#timeoutMs);
      const emit = timed.emit as unknown as (
        event: string,
        payload: unknown,
        ack: (err: Error | null, ack: Ack<unknown>) => void,
      ) => void;
      emit.call(timed, event, payload, (err, ack) => {
        if (err) return reject(CallError.timeout(`No answer to ${event} within ${this.#timeoutMs} ms`));
        if (!ack || typeof ack !== "object" || typeof ack.ok !== "boolean") {
          return reject(new CallError("server_error", `Malformed acknowledgement for ${event}`));
        }
        if (!ack.ok) {
          const parsed = protocolErrorSchema.safeParse(ack.error);
          return reject(parsed.success ? CallError.fromServer(parsed.data) : new CallError("server_error", "Request failed"));
        }
        // Incoming data is untrusted until parsed with the protocol schema.
        const parsed = clientResultSchemas[event].safeParse(ack.data);
        if (!parsed.success) return reject(new CallError("server_error", `Malformed ${event} result`, parsed.error));
        resolve(parsed.data as ClientEventResults[E]);
      });
    });
  }

  on<E extends ServerEventName>(event: E, listener: ServerToClientEvents[E]): () => void {
    const schema = serverEventSchemas[event];
    const handler = (payload: unknown): void => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        console.warn(`[webrtc-client] dropped malformed "${event}" payload`, parsed.error);
        return;
      }
      (listener as (p: unknown) => void)(parsed.data);
    };
    const socket = this.#socket as unknown as { on(e: string, h: (p: unknown) => void): void; off(e: string, h: (p: unknown) => void): void };
    socket.on(event, handler);
    return () => socket.off(event, handler);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    const up = (): void => listener(true);
    const down = (): void => listener(false);
    this.#socket.on("connect", up);
    this.#socket.on("disconnect", down);
    return () => {
      this.#socket.off("connect", up);
      this.#socket.off("disconnect", down);
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.disconnect();
  }
}
