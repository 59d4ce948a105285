import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { joinTokenKey } from "@parley/join-auth";
import type { Logger } from "pino";
import { Server } from "socket.io";
import { createPasscodeGuard } from "./auth/passcode-guard";
import { systemClock, type Clock } from "./clock";
import type { SignalingConfig } from "./config";
import type { SignalingDb } from "./db";
import { chatHandlers } from "./handlers/chat";
import type { EventHandlers, ServerContext } from "./context";
import type { SignalingServerIo } from "./io";
import { attachHandlers } from "./dispatch";
import { NODE_TTL_MS, startGraceSweeper } from "./rooms/grace-sweeper";
import { hostHandlers } from "./handlers/host";
import { recordingHandlers } from "./handlers/recording";
import { iceHandlers } from "./handlers/ice";
import { mediaHandlers } from "./handlers/media";
import { presenceHandlers } from "./handlers/presence";
import { qualityHandlers } from "./handlers/quality";
import { createQualityMetrics } from "./quality/quality-metrics";
import { createQualityRecorder } from "./quality/quality-recorder";
import { roomHandlers } from "./handlers/room";
import { handOverLocalSockets } from "./rooms/hand-over";
import { handleDisconnect } from "./rooms/membership";
import { sfuHandlers } from "./handlers/sfu";
import { signalHandlers } from "./handlers/signal";
import { createAdminEndMeetingEndpoint } from "./http/admin-end-meeting";
import { trustedProxies } from "./http/client-address";
import { createHttpEndpoints } from "./http/health";
import { originCheck } from "./http/origin";
import { createMetrics, type SignalingMetrics } from "./metrics";
import { createEventRateLimiter } from "./rate-limit";
import { createCluster, type Cluster } from "./rooms/cluster";
import { MemoryRoomStore } from "./rooms/memory-room-store";
import { roomChannel } from "./rooms/room-state";
import type { RoomStore } from "./rooms/room-store";
import { InMemoryLoadTable } from "@parley/janus";
import { SfuService } from "./sfu/sfu-service";
import { createSfuSessionLimiter } from "./sfu-session-limit";

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
  rooms: RoomStore;
  metrics: SignalingMetrics;
  /** The SFU control of this node, when SFU nodes are configured. */
  sfu: SfuService | undefined;
  /** Start listening; port 0 picks a free port. Resolves once the cluster link (if any) is up. */
  listen(port: number, host?: string): Promise<{ port: number }>;
  /**
   * Graceful shutdown: stop accepting, hand this node's participants over (with Redis their places stay held for
   * the reconnect grace period and they resume on another node; alone, their attendance closes), tell every client
   * to reconnect, close. Safe to call twice.
   */
  close(): Promise<void>;
  /** Tests: stop the way a crashed process would (nothing handed over, heartbeats just stop). */
  abort(): Promise<void>;
}

/** Build the signaling service from its dependencies (no globals: tests start several on port 0). */
export function createSignalingServer(deps: SignalingServerDeps): SignalingServer {
  const { db, logger, config } = deps;
  const clock = deps.clock ?? systemClock;
  const httpServer = createServer();
  const io: SignalingServerIo = new Server(httpServer, {
    cors: { origin: config.corsOrigins, credentials: false },
    allowRequest: originCheck(config.corsOrigins),
    maxHttpBufferSize: config.maxPayloadBytes,
    pingInterval: config.heartbeat.pingIntervalMs,
    pingTimeout: config.heartbeat.pingTimeoutMs,
    // NOTE: we resume participants ourselves (room:join + resume); socket.io's recovery would replay stale signals.
    connectionStateRecovery: undefined,
    // NOTE: every client of ours (webrtc-client's socket signal channel, the test harness, the load bench) opens
    // a WebSocket straight away, so HTTP long-polling is never used: turning it off leaves nobody a way to hold
    // polling sessions (buffered packets and a pending request each) on the server.
    transports: ["websocket"],
    // NOTE: stated, though it is engine.io's default: a compression context per socket costs ~300 KB with zlib's
    // defaults, and our messages (SDP, candidates, JSON acks) are small and short-lived.
    perMessageDeflate: false,
  });

  // With Redis: shared rooms and the Redis adapter (broadcasts and per-socket sends reach every node).
  const cluster: Cluster | undefined = config.redis ? createCluster(io, config.redis, logger) : undefined;
  const memoryRooms = cluster ? undefined : new MemoryRoomStore();
  const rooms: RoomStore = cluster?.rooms ?? (memoryRooms as MemoryRoomStore);
  const metrics = createMetrics(io, rooms, { processMetrics: config.processMetrics });

  let closing: Promise<void> | undefined;
  const endpoints = createHttpEndpoints({ db, rooms, metrics, metricsToken: config.metricsToken, logger, isDraining: () => closing !== undefined });
  httpServer.on("request", (request, response) => {
    // socket.io answers its own path; everything else is ours.
    if (request.url?.startsWith("/socket.io/")) return;
    if (adminEndMeeting(request, response)) return;
    void endpoints(request, response);
  });

  const joinTokenSecret = joinTokenKey(deps.joinTokenSecret);
  // NOTE: every signaling node probes the Janus nodes itself (same answers); the choice per meeting is shared
  // through the room document, so nodes need not agree on loads.
  const sfu = config.sfu
    ? new SfuService({
        config: config.sfu,
        rooms,
        loadTable: new InMemoryLoadTable(),
        secretKey: joinTokenSecret,
        toSocket: (socketId, event, ...payload) => io.to(socketId).emit(event, ...payload),
        toMeeting: (meetingId, event, payload) => io.to(roomChannel(meetingId)).emit(event, payload),
        toOtherNodes: (drop) => io.serverSideEmit("sfu:drop", drop),
        clock,
        logger,
        recordingsDir: config.recordingsDir,
      })
    : undefined;

  const ctx: ServerContext = {
    io,
    rooms,
    db,
    config,
    clock,
    newId: deps.idGenerator ?? randomUUID,
    logger,
    joinTokenSecret,
    nodeId: randomUUID(),
    trustedProxies: trustedProxies(config.trustedProxies),
    passcodes: createPasscodeGuard(config.passcodeLimits, {
      ...(cluster && config.redis ? { redis: { client: cluster.redis, keyPrefix: config.redis.keyPrefix } } : {}),
      now: () => clock.now().getTime(),
    }),
    sfuSessions: createSfuSessionLimiter(
      config.sfuSessionLimit,
      cluster && config.redis ? { client: cluster.redis, keyPrefix: config.redis.keyPrefix } : undefined,
    ),
    sfu,
  };
  const adminEndMeeting = createAdminEndMeetingEndpoint(ctx);
  const handlers: EventHandlers = {
    ...roomHandlers(ctx),
    ...mediaHandlers(ctx),
    ...iceHandlers(ctx),
    ...signalHandlers(ctx),
    ...chatHandlers(ctx),
    ...presenceHandlers(ctx),
    ...hostHandlers(ctx),
    ...sfuHandlers(ctx),
    ...recordingHandlers(ctx),
    ...qualityHandlers(ctx, createQualityRecorder(ctx, createQualityMetrics(metrics.registry))),
  };
  const limiter = createEventRateLimiter(config.rateLimit);
  // NOTE: the grace period is the promise; checking a few times per period keeps removals close to it.
  const sweeper = startGraceSweeper(ctx, Math.min(1000, Math.max(50, Math.floor(config.reconnectGraceMs / 4))));

  // NOTE: engine.io keeps each connection's upgrade request (headers, parser state) for its whole life; we never
  // use it after the handshake (socket.handshake has a copy), so drop it: a few KB per socket.
  io.engine.on("connection", (rawSocket: { request: unknown }) => {
    rawSocket.request = null;
  });

  // NOTE: a node's own serverSideEmit never reaches itself; with one node (no adapter) nothing is sent at all.
  io.on("sfu:drop", ({ meetingId, participantId }) => void sfu?.dropLocal(meetingId, participantId));

  io.on("connection", (socket) => {
    attachHandlers(ctx, socket, handlers, limiter, metrics);
    socket.on("disconnect", (reason) => {
      logger.debug({ socketId: socket.id, reason }, "socket disconnected");
      limiter.forget(socket.id);
      // While closing, close() has already decided what happens to this socket's place.
      if (closing === undefined) void handleDisconnect(ctx, socket);
    });
  });

  return {
    httpServer,
    io,
    rooms,
    metrics,
    sfu,
    async listen(port, host) {
      await cluster?.ready();
      // Beat before the first socket arrives: a node that dies before its first sweep must still be noticed.
      void (await rooms.heartbeat(ctx.nodeId, clock.now().getTime() + NODE_TTL_MS));
      await sfu?.start();
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
        // Stop accepting first: a load balancer (and /readyz) sends new clients to the other nodes from now on.
        if (httpServer.listening) httpServer.close();
        await sweeper.stop();
        await handOverLocalSockets(ctx, memoryRooms);
        // Handed over: the other nodes need not treat this one as crashed.
        await rooms.forgetNode(ctx.nodeId).catch(() => undefined);
        await sfu?.close();
        await io.close();
        await cluster?.close();
      })();
      return closing;
    },
    abort() {
      // As a crash would: no hand-over, no goodbye to the other nodes; the sockets just go.
      closing ??= (async () => {
        if (httpServer.listening) httpServer.close();
        await sweeper.stop();
        await sfu?.close();
        await io.close();
        await cluster?.close();
      })();
      return closing;
    },
  };
}
