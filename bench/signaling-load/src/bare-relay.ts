// The raw anchor of the signaling bench: a bare socket.io 4 relay that answers the load generator's events the way
// the product does (join a room, forward a signal to its addressee, broadcast chat), with nothing else: no token
// check, no validation, no rate limit, no database, no metrics library. Same Node flags as the product's start
// script (run.ts passes them). It serves the few metrics the bench reads under the product's names, so both are
// measured alike. Started by run.ts: `node [production flags] --import tsx src/bare-relay.ts` with PORT set.
import { createServer } from "node:http";
import { getHeapStatistics } from "node:v8";
import { Server, type Socket } from "socket.io";

process.title = "parley-bench-bare-relay";
const port = Number(process.env.PORT ?? 0);
const http = createServer();
// As the product: WebSocket only, default perMessageDeflate (off since engine.io 4).
const io = new Server(http, { transports: ["websocket"] });
let events = 0;

io.on("connection", (socket: Socket) => {
  let room = "";
  socket.on("room:join", (payload: { meetingId?: string }, ack: (answer: unknown) => void) => {
    events++;
    room = String(payload?.meetingId ?? "");
    void socket.join(room);
    ack({ ok: true, data: { status: "joined", self: { id: socket.id } } });
  });
  for (const event of ["signal:candidate", "signal:description"]) {
    socket.on(event, (payload: { to?: string } & Record<string, unknown>, ack: (answer: unknown) => void) => {
      events++;
      const { to, ...rest } = payload;
      io.to(String(to)).emit(event, { from: socket.id, ...rest });
      ack({ ok: true, data: {} });
    });
  }
  socket.on("chat:send", (payload: { body?: string }, ack: (answer: unknown) => void) => {
    events++;
    io.to(room).emit("chat:message", { id: String(events), senderId: socket.id, senderName: "bench", body: String(payload?.body ?? ""), sentAt: new Date().toISOString() });
    ack({ ok: true, data: {} });
  });
});

http.on("request", (request, response) => {
  if (request.url?.startsWith("/socket.io/")) return;
  if (request.url === "/readyz") return void response.writeHead(200).end("ready");
  if (request.url !== "/metrics") return void response.writeHead(404).end();
  const heap = getHeapStatistics();
  response.writeHead(200, { "content-type": "text/plain" }).end(
    [
      `signaling_connected_sockets ${io.engine.clientsCount}`,
      `signaling_events_total ${events}`,
      `signaling_nodejs_heap_size_used_bytes ${heap.used_heap_size}`,
      `signaling_nodejs_heap_size_total_bytes ${heap.total_heap_size}`,
      "",
    ].join("\n"),
  );
});

http.listen(port, "127.0.0.1");
process.on("SIGTERM", () => io.close(() => process.exit(0)));
