/** Listener signatures keyed by event name, e.g. `{ chatMessage: (m: ChatMessage) => void }`. */
export type EventMap = { [event: string]: (...args: never[]) => void };

/**
 * A small typed event emitter. A listener that throws is reported through `onListenerError`
 * and never stops the other listeners or the code that emitted.
 */
export class TypedEmitter<Events extends EventMap> {
  readonly #listeners = new Map<keyof Events, Set<Events[keyof Events]>>();
  readonly #onListenerError: (error: unknown, event: keyof Events) => void;

  constructor(onListenerError?: (error: unknown, event: keyof Events) => void) {
    this.#onListenerError =
      onListenerError ??
      ((error, event) => console.error(`[webrtc-client] listener for "${String(event)}" threw`, error));
  }

  /** Subscribe; returns a function that unsubscribes (handy for React effects). */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  once<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    const wrapper = ((...args: Parameters<Events[E]>) => {
      off();
      (listener as (...a: Parameters<Events[E]>) => void)(...args);
    }) as Events[E];
    const off = this.on(event, wrapper);
    return off;
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): void {
    this.#listeners.get(event)?.delete(listener);
  }

  removeAllListeners(): void {
    this.#listeners.clear();
  }

  listenerCount<E extends keyof Events>(event: E): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  protected emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    // Copy so listeners may unsubscribe while we iterate.
    for (const listener of [...set]) {
      try {
        (listener as (...a: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        try {
          this.#onListenerError(error, event);
        } catch {
          // The error reporter itself failed; nothing sensible left to do.
        }
      }
    }
  }
}

/** An emitter whose `emit` is public: for internal parts that are not themselves the public API. */
export class Emitter<Events extends EventMap> extends TypedEmitter<Events> {
  override emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    super.emit(event, ...args);
  }
}
