import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { RedisRoomStore } from "./redis-room-store";

/** The parts that make several signaling nodes act as one: rooms in Redis and the socket.io Redis adapter. */
export interface Cluster {
  rooms: RedisRoomStore;
  /** The command connection, for other shared state (rate limits). */
  redis: Redis;
  /** Resolves once commands and the adapter's subscriptions are live. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The one thing the cluster needs from the socket.io server: a place to install the Redis adapter. */
interface AdapterHost {
  adapter(factory: ReturnType<typeof createAdapter>): unknown;
}

export function createCluster(io: AdapterHost, options: { url: string; keyPrefix: string }, logger: Logger): Cluster {
  // One connection for commands and publishing, one for the adapter's subscriptions (a subscribed connection can do nothing else).
  // NOTE: fail queued commands after a few reconnect attempts (~300 ms) rather than the default 20: a request that
  // cannot reach the rooms should get an error ack the client retries, not hang.
  const commands = new Redis(options.url, { connectionName: "parley-signaling", maxRetriesPerRequest: 3 });
  const subscriber = commands.duplicate();
  // NOTE: the adapter's close() unsubscribes without handling the promise; when Redis is down at shutdown that
  // rejection would be unhandled and crash the process. We drop the connection right after anyway.
  for (const name of ["unsubscribe", "punsubscribe"] as const) {
    const original = subscriber[name].bind(subscriber) as (...args: unknown[]) => Promise<unknown>;
    (subscriber as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const result = original(...args);
      result.catch(() => undefined);
      return result;
    };
  }
  for (const [name, connection] of [
    ["commands", commands],
    ["subscriber", subscriber],
  ] as const) {
    // NOTE: never log the URL: it may carry the Redis password. ioredis reconnects by itself.
    connection.on("error", (error: Error) => logger.warn({ connection: name, err: { message: error.message } }, "redis connection error"));
  }
  io.adapter(createAdapter(commands, subscriber, { key: `${options.keyPrefix}:socket.io` }));
  return {
    rooms: new RedisRoomStore(commands, options.keyPrefix),
    redis: commands,
    async ready() {
      // A reply on the subscriber connection comes after the adapter's SUBSCRIBEs queued before it.
      await Promise.all([commands.ping(), subscriber.ping()]);
    },
    async close() {
      // quit() waits for Redis; when it is unreachable there is nothing to flush.
      for (const connection of [commands, subscriber]) {
        if (connection.status === "ready") await connection.quit().catch(() => connection.disconnect());
        else connection.disconnect();
      }
    },
  };
}
