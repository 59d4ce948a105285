import type { ClientEventName, ClientEventPayload, ClientEventResults, ServerEventName, ServerToClientEvents } from "@parley/protocol";

/**
 * The engine's view of the signaling link: typed request/acknowledge and server events, nothing about
 * the transport. `createSocketSignalChannel` implements it with socket.io; tests use an in-memory fake.
 */
export interface SignalChannel {
  /** True while the link is up. */
  readonly connected: boolean;
  /** Start (or resume) connecting; the link reconnects by itself after drops until `close()`. */
  connect(): void;
  /** Send a request event; resolves with the acknowledgement's data, rejects with a `CallError`. */
  request<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<ClientEventResults[E]>;
  /** Subscribe to a server event (payloads are already validated); returns an unsubscribe function. */
  on<E extends ServerEventName>(event: E, listener: ServerToClientEvents[E]): () => void;
  /** Link up/down notifications (up: fired on the first connect and on every reconnect). */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** Disconnect for good; safe to call twice. */
  close(): void;
}
