import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { SignalingDb } from "../db";
import type { SignalingMetrics } from "../metrics";
import type { RoomStore } from "../rooms/room-store";

const READY_TIMEOUT_MS = 2000;

export interface HttpEndpointsDeps {
  db: SignalingDb;
  rooms: RoomStore;
  metrics: SignalingMetrics;
  /** Bearer token /metrics requires; undefined: /metrics is off. */
  metricsToken: string | undefined;
  logger: Logger;
  /** True once shutdown began: load balancers should stop sending new clients here. */
  isDraining(): boolean;
}

/**
 * GET /healthz (process is up), GET /readyz (database and room store answer, not shutting down) and
 * GET /metrics (Prometheus, with `Authorization: Bearer <METRICS_TOKEN>`; 404 without a token configured: metrics
 * name meetings' load and must not be public). Everything else is 404; socket.io takes its own path.
 */
export function createHttpEndpoints(deps: HttpEndpointsDeps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET") return send(response, 404, { status: "not_found" });
    if (path === "/healthz") return send(response, 200, { status: "ok" });
    if (path === "/readyz") return ready(deps, response);
    if (path === "/metrics") {
      if (deps.metricsToken === undefined) return send(response, 404, { status: "not_found" });
      if (!bearerMatches(request.headers.authorization, deps.metricsToken)) {
        response.setHeader("www-authenticate", 'Bearer realm="metrics"');
        return send(response, 401, { status: "unauthorized" });
      }
      const body = await deps.metrics.registry.metrics();
      response.writeHead(200, { "content-type": deps.metrics.registry.contentType, "cache-control": "no-store" });
      response.end(body);
      return;
    }
    return send(response, 404, { status: "not_found" });
  };
}

async function ready(deps: HttpEndpointsDeps, response: ServerResponse): Promise<void> {
  if (deps.isDraining()) return send(response, 503, { status: "draining" });
  const checks = {
    database: withTimeout(deps.db.prisma.$queryRawUnsafe("SELECT 1"), READY_TIMEOUT_MS),
    rooms: withTimeout(deps.rooms.ping(), READY_TIMEOUT_MS),
  };
  const results = await Promise.allSettled(Object.values(checks));
  const failed = Object.keys(checks).filter((_, index) => results[index]?.status === "rejected");
  if (failed.length === 0) return send(response, 200, { status: "ready" });
  for (const [index, name] of Object.keys(checks).entries()) {
    const result = results[index];
    if (result?.status === "rejected") deps.logger.warn({ err: result.reason as unknown, check: name }, "readiness check failed");
  }
  return send(response, 503, { status: "unavailable", failed });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "";
  // Hashes have equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
