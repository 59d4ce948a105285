/**
 * Runs inside a real Chromium page (bundled by the signaling service's SFU call tests: export
 * `@parley/webrtc-client/testing/call-page`): real Calls against the real signaling server, with fake-device media. Several participants can live in one page (each its own Call,
 * socket and peer connections), which keeps six-person meetings affordable on two cores.
 */
import type { VideoLayer } from "@parley/protocol";
import { Call } from "../../call/call";
import { LocalMedia } from "../../media/local-media";
import { createBrowserPeerConnection } from "../../peer/browser-peer-connection";
import { devicesWithCanvasScreen } from "./canvas-screen";
import type { PeerConnectionHandle } from "../../peer/peer-connection";
import { createSocketSignalChannel } from "../../signal/socket-signal-channel";

declare function parleyToken(meetingId: string, index: number): Promise<string>;


const calls: Call[] = [];
/** Every peer connection of each participant (mesh peers, or SFU publisher + subscriber). */
const connections: PeerConnectionHandle[][] = [];
const errors: string[] = [];

async function join(url: string, meetingId: string, index: number, video: { width: number; height: number }): Promise<string> {
  const localMedia = new LocalMedia({ devices: devicesWithCanvasScreen(), video: { width: { ideal: video.width }, height: { ideal: video.height } } });
  await localMedia.start();
  const call = new Call({
    meetingId,
    signal: createSocketSignalChannel({ url }),
    localMedia,
    getJoinToken: () => parleyToken(meetingId, index),
    createPeerConnection: (config) => {
      const pc = createBrowserPeerConnection(config);
      (connections[index] ??= []).push(pc);
      return pc;
    },
  });
  call.on("error", (e) => errors.push(`${index}: ${e.code} ${e.message}`));
  calls[index] = call;
  const outcome = await call.join();
  // Audio counts samples only when played.
  call.on("trackAdded", (t) => {
    if (t.source !== "microphone") return;
    const audio = document.createElement("audio");
    audio.srcObject = new MediaStream([t.track]);
    audio.muted = false;
    void audio.play().catch(() => undefined);
    document.body.append(audio);
  });
  return outcome.status === "joined" ? outcome.self.id : "waiting";
}

async function videoFrames(index: number): Promise<Record<string, { camera: number; screen: number; width: number }>> {
  const call = calls[index];
  if (!call) return {};
  const stats = await call.getRemoteVideoStats();
  const result: Record<string, { camera: number; screen: number; width: number }> = {};
  for (const [id, s] of Object.entries(stats)) {
    const camera = s.tracks.filter((t) => t.source === "camera");
    result[id] = {
      camera: camera.reduce((n, t) => n + t.framesDecoded, 0),
      screen: s.tracks.filter((t) => t.source === "screen").reduce((n, t) => n + t.framesDecoded, 0),
      width: Math.max(0, ...camera.map((t) => t.frameWidth ?? 0)),
    };
  }
  return result;
}

/** Audio and video counters over all of a participant's live connections (from getStats). */
async function totals(index: number): Promise<{ audioSamplesReceived: number; bytesSent: number; bytesReceived: number; connections: number }> {
  const open = (connections[index] ?? []).filter((pc) => pc.connectionState !== "closed");
  let audioSamplesReceived = 0;
  let bytesSent = 0;
  let bytesReceived = 0;
  for (const pc of open) {
    const report = await pc.getStats().catch(() => null);
    report?.forEach((e: Record<string, unknown>) => {
      if (e.type === "inbound-rtp") {
        bytesReceived += Number(e.bytesReceived ?? 0);
        if (e.kind === "audio") audioSamplesReceived += Number(e.totalSamplesReceived ?? 0);
      }
      if (e.type === "outbound-rtp") bytesSent += Number(e.bytesSent ?? 0);
    });
  }
  return { audioSamplesReceived, bytesSent, bytesReceived, connections: open.length };
}

/**
 * Render every remote camera of participant `index` the way the UI does (a <video> per participant, re-pointed when
 * its camera track changes) and record the longest time without a new frame per participant: a topology switch must
 * not leave a tile black for long.
 */
const watches = new Map<number, { stop: () => Record<string, number> }>();
function watchFrames(index: number): void {
  const call = calls[index];
  if (!call) return;
  const tiles = new Map<string, { video: HTMLVideoElement; track: MediaStreamTrack | null; last: number; maxGap: number }>();
  const onFrame = (id: string) => {
    const tile = tiles.get(id);
    if (!tile) return;
    const now = performance.now();
    tile.maxGap = Math.max(tile.maxGap, now - tile.last);
    tile.last = now;
    tile.video.requestVideoFrameCallback(() => onFrame(id));
  };
  const timer = setInterval(() => {
    for (const p of call.participants) {
      let tile = tiles.get(p.id);
      if (!tile) {
        const video = document.createElement("video");
        video.muted = true;
        video.autoplay = true;
        video.width = 160;
        document.body.append(video);
        tile = { video, track: null, last: performance.now(), maxGap: 0 };
        tiles.set(p.id, tile);
        video.requestVideoFrameCallback(() => onFrame(p.id));
      }
      const track = p.tracks.camera ?? null;
      if (track !== tile.track) {
        tile.track = track;
        tile.video.srcObject = track ? new MediaStream([track]) : null;
        void tile.video.play().catch(() => undefined);
      }
    }
  }, 50);
  watches.set(index, {
    stop: () => {
      clearInterval(timer);
      const now = performance.now();
      return Object.fromEntries([...tiles].map(([id, t]) => [id, Math.round(Math.max(t.maxGap, now - t.last))]));
    },
  });
}

/** Stop watching; the longest gap between frames per remote participant (ms). */
function stopWatching(index: number): Record<string, number> {
  const watch = watches.get(index);
  watches.delete(index);
  return watch?.stop() ?? {};
}

function info(index: number): { state: string; topology: string | null; participants: number; tracks: string[] } {
  const call = calls[index];
  const snapshot = call?.snapshot;
  return {
    state: call?.state ?? "none",
    topology: snapshot?.room?.topology ?? null,
    participants: snapshot?.participants.length ?? 0,
    tracks:
      snapshot?.participants.flatMap((p) =>
        Object.entries(p.tracks).map(([s, t]) => `${p.name}:${s}:${t.muted ? "muted" : "live"}:${p.connectionState}`),
      ) ?? [],
  };
}

function setLayers(index: number, layers: Record<string, VideoLayer>): void {
  calls[index]?.setVideoPreferences(new Map(Object.entries(layers)));
}

async function share(index: number, on: boolean): Promise<void> {
  const call = calls[index];
  if (!call) return;
  if (on) await call.startScreenShare();
  else call.stopScreenShare();
}

async function leave(index: number): Promise<void> {
  await calls[index]?.leave();
}

Object.assign(globalThis, { parleyTest: { join, videoFrames, totals, info, watchFrames, stopWatching, setLayers, share, leave, errors } });
