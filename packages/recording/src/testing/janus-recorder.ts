// Test-only: the few Janus API calls needed to make real VideoRoom recordings (.mjr) from browser publishers.
// The product's Janus client lives in signaling (soon packages/janus); this package must not depend on an app.
import { randomUUID } from "node:crypto";
import WebSocket from "ws";

export type JanusMessage = { janus: string; transaction?: string; session_id?: number; sender?: number; data?: { id: number }; plugindata?: { data: Record<string, unknown> }; jsep?: { type: string; sdp: string }; error?: { reason: string } };

/** A Janus API connection with one session; `videoroom()` attaches a handle. */
export class JanusRecorderClient {
  readonly #socket: WebSocket;
  readonly #apiSecret: string;
  readonly #waiting = new Map<string, (message: JanusMessage) => void>();
  readonly #events: JanusMessage[] = [];
  readonly #eventWaiters: (() => void)[] = [];
  #sessionId = 0;
  #keepalive: NodeJS.Timeout | undefined;

  private constructor(socket: WebSocket, apiSecret: string) {
    this.#socket = socket;
    this.#apiSecret = apiSecret;
    socket.on("message", (raw: WebSocket.RawData) => {
      const message = JSON.parse(raw.toString()) as JanusMessage;
      // Async plugin requests are acknowledged first and answered later by an event with the same transaction.
      const waiter = message.transaction ? this.#waiting.get(message.transaction) : undefined;
      if (waiter && message.janus !== "event") {
        this.#waiting.delete(message.transaction!);
        waiter(message);
        return;
      }
      this.#events.push(message);
      for (const wake of this.#eventWaiters.splice(0)) wake();
    });
  }

  static async connect(wsUrl: string, apiSecret: string): Promise<JanusRecorderClient> {
    const socket = new WebSocket(wsUrl, "janus-protocol");
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const client = new JanusRecorderClient(socket, apiSecret);
    const created = await client.#request({ janus: "create" });
    client.#sessionId = created.data!.id;
    client.#keepalive = setInterval(() => void client.#request({ janus: "keepalive", session_id: client.#sessionId }).catch(() => undefined), 20_000);
    return client;
  }

  #request(body: Record<string, unknown>, transaction: string = randomUUID()): Promise<JanusMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Janus did not answer ${String(body.janus)}`)), 15_000);
      this.#waiting.set(transaction, (message) => {
        clearTimeout(timer);
        if (message.janus === "error") reject(new Error(message.error?.reason));
        else resolve(message);
      });
      this.#socket.send(JSON.stringify({ ...body, transaction, apisecret: this.#apiSecret }));
    });
  }

  /** The next plugin event on `handle` matching `accept`, within `timeoutMs`. */
  async #event(handle: number, accept: (m: JanusMessage) => boolean, timeoutMs = 15_000): Promise<JanusMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#events.findIndex((m) => m.sender === handle && accept(m));
      if (index >= 0) return this.#events.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no matching Janus event on handle ${handle}`);
      await new Promise<void>((resolve) => {
        this.#eventWaiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async videoroom(): Promise<VideoRoomHandle> {
    const attached = await this.#request({ janus: "attach", plugin: "janus.plugin.videoroom", session_id: this.#sessionId });
    const handle = attached.data!.id;
    const message = async (body: Record<string, unknown>, jsep?: { type: string; sdp: string }, transaction?: string) =>
      this.#request({ janus: "message", session_id: this.#sessionId, handle_id: handle, body, ...(jsep ? { jsep } : {}) }, transaction);
    const request = async (body: Record<string, unknown>) => (await message(body)).plugindata?.data ?? {};
    const waitEvent = (accept: (m: JanusMessage) => boolean, timeoutMs?: number) => this.#event(handle, accept, timeoutMs);
    return {
      request,
      /** Sends an async request and waits for its plugin event (and JSEP, if any). */
      async ask(body, jsep) {
        const transaction = randomUUID();
        await message(body, jsep, transaction);
        // Other publishers' arrivals are events on this handle too: the answer is the one carrying our transaction.
        const event = await waitEvent((m) => m.transaction === transaction);
        const data = event.plugindata!.data;
        if (data.error) throw new Error(`videoroom ${String(body.request)}: ${String(data.error)}`);
        return { data, jsep: event.jsep };
      },
      waitEvent,
      detach: async () => void (await this.#request({ janus: "detach", session_id: this.#sessionId, handle_id: handle })),
    };
  }

  async close(): Promise<void> {
    clearInterval(this.#keepalive);
    // A Janus that died (a restart test) has taken the session with it: nothing to destroy, nothing to wait for.
    if (this.#socket.readyState === WebSocket.OPEN) await this.#request({ janus: "destroy", session_id: this.#sessionId }).catch(() => undefined);
    this.#socket.close();
  }
}

export type VideoRoomHandle = {
  request(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  ask(body: Record<string, unknown>, jsep?: { type: string; sdp: string }): Promise<{ data: Record<string, unknown>; jsep?: { type: string; sdp: string } }>;
  waitEvent(accept: (m: JanusMessage) => boolean, timeoutMs?: number): Promise<JanusMessage>;
  detach(): Promise<void>;
};
