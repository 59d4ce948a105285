/**
 * The raw anchor for the join bench: the least a join can cost on this machine and this Chromium, with no product
 * code. A bare socket.io relay (forwards every message to the other pages of its room) serves one plain page;
 * the host page is in the room with its camera and mic, the guest clicks "Join": it connects, says so, the host
 * adds its tracks and offers, the guest adds its tracks and answers (both addTrack before offer/answer), ICE
 * candidates trickle through the relay. Same Chromium, flags and fake devices as the product's runs.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { Server } from "socket.io";

/** Runs in the page. Kept to plain DOM and WebRTC: this is the baseline the product is compared with. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>anchor</title>
<button id="join">Join</button><video id="remote" autoplay muted playsinline></video>
<script src="/socket.io/socket.io.js"></script>
<script>
const room = new URLSearchParams(location.search).get("room");
const role = new URLSearchParams(location.search).get("role");
let pc, socket;
window.__firstFrame = new Promise((done) => { window.__frame = done; });
function connection() {
  pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
  for (const track of window.__media.getTracks()) pc.addTrack(track, window.__media);
  pc.onicecandidate = (e) => e.candidate && socket.emit("relay", { candidate: e.candidate.toJSON() });
  pc.ontrack = (e) => {
    const video = document.getElementById("remote");
    if (e.track.kind !== "video" || video.srcObject) return;
    video.srcObject = new MediaStream([e.track]);
    video.requestVideoFrameCallback(() => window.__frame(performance.timeOrigin + performance.now()));
  };
}
function connect() {
  socket = io({ transports: ["websocket"], query: { room } });
  socket.on("relay", async (m) => {
    if (m.joined && role === "host") {
      connection();
      await pc.setLocalDescription();
      socket.emit("relay", { description: pc.localDescription.toJSON() });
    } else if (m.description) {
      if (m.description.type === "offer") {
        connection();
        await pc.setRemoteDescription(m.description);
        await pc.setLocalDescription();
        socket.emit("relay", { description: pc.localDescription.toJSON() });
      } else await pc.setRemoteDescription(m.description);
    } else if (m.candidate && pc) await pc.addIceCandidate(m.candidate);
  });
  return socket;
}
// The product's capture (packages/webrtc-client media/constraints.ts): 540p at 24 fps, voice processing on.
window.__ready = navigator.mediaDevices.getUserMedia({
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: { width: { ideal: 960 }, height: { ideal: 540 }, frameRate: { ideal: 24 } },
}).then((media) => {
  window.__media = media;
  if (role === "host") return new Promise((connected) => connect().on("connect", connected));
});
document.getElementById("join").onclick = () => connect().on("connect", () => socket.emit("relay", { joined: true }));
</script>`;

export interface AnchorRelay {
  readonly url: string;
  close(): Promise<void>;
}

/** The bare relay on a free loopback port. */
export async function startAnchorRelay(): Promise<AnchorRelay> {
  const http: HttpServer = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(PAGE));
  const io = new Server(http);
  io.on("connection", (socket) => {
    const room = String(socket.handshake.query.room ?? "");
    void socket.join(room);
    socket.on("relay", (message: unknown) => socket.to(room).emit("relay", message));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${(http.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
}

export interface AnchorRun {
  /** The guest's click → first frame of the host's video on the guest's page (ms). */
  readonly joiner: number;
  /** The guest's click → first frame of the guest's video on the host's page (ms). */
  readonly inRoom: number;
}

const firstFrameAt = (page: Page) => page.evaluate(() => (window as unknown as { __firstFrame: Promise<number> }).__firstFrame);

/** One anchor join in fresh contexts, timed exactly as the product's: from just before Playwright's click. */
export async function anchorRun(browser: Browser, relay: AnchorRelay, room: string): Promise<AnchorRun> {
  const hostContext = await browser.newContext();
  const guestContext = await browser.newContext();
  try {
    const host = await hostContext.newPage();
    await host.goto(`${relay.url}/?room=${room}&role=host`);
    await host.evaluate(() => (window as unknown as { __ready: Promise<void> }).__ready);
    const guest = await guestContext.newPage();
    await guest.goto(`${relay.url}/?room=${room}&role=guest`);
    await guest.evaluate(() => (window as unknown as { __ready: Promise<void> }).__ready);
    const clickedAt = await guest.evaluate(() => performance.timeOrigin + performance.now());
    await guest.getByRole("button", { name: "Join" }).click();
    const [guestFrame, hostFrame] = await Promise.all([firstFrameAt(guest), firstFrameAt(host)]);
    return { joiner: guestFrame - clickedAt, inRoom: hostFrame - clickedAt };
  } finally {
    await guestContext.close();
    await hostContext.close();
  }
}
