import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { Server } from "socket.io";
import { systemClock, type Clock } from "./clock";
import type { SignalingConfig } from "./config";
import type { SignalingDb } from "./db";
import { chatHandlers } from "./handlers/chat";
import type { EventHandlers, ServerContext, SignalingServerIo } from "./handlers/context";
import { attachHandlers } from "./handlers/dispatch";
import { hostHandlers } from "./handlers/host";
import { recordLeave } from "./handlers/membership";
import { mediaHandlers } from "./handlers/media";
import { presenceHandlers } from "./handlers/presence";
import { handleDisconnect, roomHandlers } from "./handlers/room";
import { signalHandlers } from "./handlers/signal";
import { createHealthHandler } from "./http/health";
import { createEventRateLimiter } from "./rate-limit";
import { RoomRegistry } from "./rooms/room-registry";

export interface SignalingServerDeps {
  db: SignalingDb;
  /** HS256 secret shared with the web app (JOIN_TOKEN_SECRET). */
  joinTokenSecret: string;
  logger: Logger;
  config: SignalingConfig;
  clock?: Clock;
  idGenerator?: () => string;
}

export interface SignalingServer {
  httpServer: HttpServer;
  io: SignalingServerIo;
  /** Start listening; port 0 picks a free port. */
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Close every socket and the HTTP server, closing open attendance records. Safe to call twice. */
  close(): Promise<void>;
}

/** Build the signaling service from its dependencies (no globals: tests start several on port 0). */
export function createSignalingServer(deps: SignalingServerDeps): SignalingServer {
  const { db, logger, config } = deps;
  const httpServer = createServer();
  const health = createHealthHandler(db, logger);
  httpServer.on("request", (request, response) => {
    // socket.io answers its own path; everything else is ours.
    if (request.url?.startsWith("/socket.io/")) return;
    void health(request, response);
  });

  const io: SignalingServerIo = new Server(httpServer, {
    cors: { origin: config.corsOrigins, credentials: false },
    maxHttpBufferSize: config.maxPayloadBytes,
    pingInterval: config.heartbeat.pingIntervalMs,
    pingTimeout: config.heartbeat.pingTimeoutMs,
    // NOTE: we resume participants ourselves (room:join + resume); socket.io's recovery would replay stale signals.
    connectionStateRecovery: undefined,
  });

  const ctx: ServerContext = {
    io,
    rooms: new RoomRegistry(),
    db,
    config,
    clock: deps.clock ?? systemClock,
    newId: deps.idGenerator ?? randomUUID,
    logger,
    joinTokenSecret: new TextEncoder().encode(deps.joinTokenSecret),
  };
  const handlers: EventHandlers = {
    ...roomHandlers(ctx),
    ...mediaHandlers(ctx),
    ...signalHandlers(ctx),
    ...chatHandlers(ctx),
    ...presenceHandlers(ctx),
    ...hostHandlers(ctx),
  };
  const limiter = createEventRateLimiter(config.rateLimit);

  io.on("connection", (socket) => {
    logger.debug({ socketId: socket.id }, "socket connected");
    attachHandlers(ctx, socket, handlers, limiter);
    socket.on("disconnect", (reason) => {
      logger.debug({ socketId: socket.id, reason }, "socket disconnected");
      limiter.forget(socket.id);
      handleDisconnect(ctx, socket);
    });
  });

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          resolve({ port: (httpServer.address() as AddressInfo).port });
        });
      });
    },
    close() {
      closing ??= (async () => {
        // Everyone still in a call leaves now, as far as attendance goes; clients reconnect to the next process.
        const now = ctx.clock.now();
        const leaves: Promise<void>[] = [];
        for (const room of ctx.rooms.all()) {
          for (const member of room.members.values()) {
            if (member.graceTimer !== null) ctx.clock.clearTimeout(member.graceTimer);
            member.graceTimer = null;
            leaves.push(recordLeave(ctx, member, now));
          }
          room.members.clear();
          room.lobby.clear();
        }
        // Drop sockets first: their disconnect handlers must find no rooms left to start grace timers in.
        await new Promise<void>((resolve) => {
          void io.close(() => resolve());
        });
        await Promise.all(leaves);
      })();
      return closing;
    },
  };
}
