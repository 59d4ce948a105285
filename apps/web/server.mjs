// The production entry of the web app: what `next start` does, plus the one thing it cannot: tell the app which
// address a request came from. Next fills `X-Forwarded-For` from the socket only when the client sent none, so a
// client reaching the app directly could pick its own rate-limit key. Here the socket address (or, from a proxy in
// TRUSTED_PROXIES, the address that proxy vouches for) goes into CLIENT_IP_HEADER on every request.
import { Console } from "node:console";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import process from "node:process";
import { setTimeout } from "node:timers";
import { URL } from "node:url";
import next from "next";
import { CLIENT_IP_HEADER, clientAddress, parseTrustedProxies } from "./src/server/client-address.mjs";

const log = new Console(process.stdout, process.stderr);
const port = Number(process.env.PORT || 3000);
let trusted;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  log.error(`Invalid web configuration:\n  ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The Docker image runs on Next's standalone output, which carries no next.config.ts (nor the compiler to load it):
// the configuration the build resolved is in required-server-files.json, and Next's own standalone server.js hands
// it over through this variable. A regular build (`pnpm start`, the end-to-end tests) loads next.config.ts as usual.
const builtConfigFile = new URL(".next/required-server-files.json", import.meta.url);
const built = existsSync(builtConfigFile) ? JSON.parse(readFileSync(builtConfigFile, "utf8")).config : undefined;
if (built?.output === "standalone") process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built);

const server = createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
  void handle(req, res);
});
const app = next({ dev: false, dir: import.meta.dirname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
server.listen(port, () => log.info(`> web listening on port ${port} (trusted proxies: ${trusted.entries.join(", ") || "none"})`));

// Same as `next start`: finish what is in flight, then exit; a stuck connection does not hold the exit forever.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
