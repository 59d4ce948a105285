import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { SignalingDb } from "../db";

const READY_TIMEOUT_MS = 2000;

/** GET /healthz (process is up) and GET /readyz (database answers). Everything else is 404; socket.io takes its own path. */
export function createHealthHandler(db: SignalingDb, logger: Logger) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/healthz") return send(response, 200, { status: "ok" });
    if (request.method === "GET" && path === "/readyz") {
      try {
        await withTimeout(db.prisma.$queryRawUnsafe("SELECT 1"), READY_TIMEOUT_MS);
        return send(response, 200, { status: "ready" });
      } catch (error) {
        logger.warn({ err: error }, "readiness check failed");
        return send(response, 503, { status: "unavailable" });
      }
    }
    return send(response, 404, { status: "not_found" });
  };
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
