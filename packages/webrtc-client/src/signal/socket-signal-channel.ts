import { RETRY_DEFAULTS } from "../retry/backoff";
import {
  chatMessageSchema,
  iceRefreshResultSchema,
  joinedSchema,
  lobbyDeniedSchema,
  rejoinRefusedSchema,
  lobbyUpdatedSchema,
  mediaMutedSchema,
  participantLeftSchema,
  participantSchema,
  protocolErrorSchema,
  reactionReceivedSchema,
  roomEndedSchema,
  roomJoinResultSchema,
  roomRemovedSchema,
  roomStateSchema,
  sfuOfferSchema,
  sfuPublishResultSchema,
  sfuRestartSchema,
  sfuSyncResultSchema,
  signalCandidateSchema,
  signalDescriptionSchema,
  signalIceRestartSchema,
  type Ack,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResults,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@parley/protocol";
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import { CallError } from "../errors";
import type { ServerEventName, SignalChannel } from "./signal-channel";

/** Anything with zod's `safeParse` (avoids a direct zod dependency here). */
interface Parser {
  safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: unknown };
}

/** Incoming payloads are untrusted until parsed with the protocol schema. */
const SERVER_EVENT_SCHEMAS: Record<ServerEventName, Parser> = {
  "participant:joined": participantSchema,
  "participant:left": participantLeftSchema,
  "participant:updated": participantSchema,
  "signal:description": signalDescriptionSchema,
  "signal:candidate": signalCandidateSchema,
  "signal:ice-restart": signalIceRestartSchema,
  "chat:message": chatMessageSchema,
  "reaction:received": reactionReceivedSchema,
  "media:muted": mediaMutedSchema,
  "room:updated": roomStateSchema,
  "room:ended": roomEndedSchema,
  "room:removed": roomRemovedSchema,
  "lobby:updated": lobbyUpdatedSchema,
  "lobby:admitted": joinedSchema,
  "lobby:denied": lobbyDeniedSchema,
  "host:rejoin-refused": rejoinRefusedSchema,
  "sfu:offer": sfuOfferSchema,
  "sfu:restart": sfuRestartSchema,
  "server:error": protocolErrorSchema,
};

/** Acknowledgement data we read fields from is parsed too; the rest are empty objects. */
const RESULT_SCHEMAS: Partial<Record<ClientEventName, Parser>> = {
  "room:join": roomJoinResultSchema,
  "ice:refresh": iceRefreshResultSchema,
  "media:update": participantSchema,
  "hand:raise": participantSchema,
  "hand:lower": participantSchema,
  "host:mute": participantSchema,
  "chat:send": chatMessageSchema,
  "host:lock": roomStateSchema,
  "host:unlock": roomStateSchema,
  "sfu:publish": sfuPublishResultSchema,
  "sfu:sync": sfuSyncResultSchema,
};

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
        const schema = RESULT_SCHEMAS[event];
        if (!schema) return resolve(ack.data as ClientEventResults[E]);
        const parsed = schema.safeParse(ack.data);
        if (!parsed.success) return reject(new CallError("server_error", `Malformed ${event} result`, parsed.error));
        resolve(parsed.data as ClientEventResults[E]);
      });
    });
  }

  on<E extends ServerEventName>(event: E, listener: ServerToClientEvents[E]): () => void {
    const schema = SERVER_EVENT_SCHEMAS[event];
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
