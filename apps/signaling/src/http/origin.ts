import type { IncomingMessage } from "node:http";

/**
 * socket.io's `allowRequest`: refuse connections whose Origin is not one of `allowed`.
 * NOTE: socket.io's `cors` option only answers preflight requests; a WebSocket upgrade is not subject to CORS, so
 * without this any web page could open a socket from its visitors' browsers. Browsers always send Origin on an
 * upgrade; a request without one comes from a non-browser client (load tests, tools), which could forge any
 * Origin anyway, so it is let through to the join token check like everybody else.
 */
export function originCheck(allowed: readonly string[]) {
  const origins = new Set(allowed.map((origin) => origin.toLowerCase()));
  return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
    const origin = request.headers.origin;
    if (origin === undefined || origins.has(origin.toLowerCase())) return callback(null, true);
    callback("origin not allowed", false);
  };
}
