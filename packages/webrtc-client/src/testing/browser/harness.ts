/**
 * Runs inside a real Chromium page (bundled by browser.integration.test.ts): real RTCPeerConnections,
 * real (fake-device) getUserMedia, and the in-memory signaling hub in place of the server.
 */
import { Call } from "../../call/call";
import { LocalMedia } from "../../media/local-media";
import { createBrowserPeerConnection } from "../../peer/browser-peer-connection";
import { devicesWithCanvasScreen } from "./canvas-screen";
import type { PeerConnectionHandle } from "../../peer/peer-connection";
import { FakeSignalChannel, FakeSignalHub } from "../fake-signal";


const hub = new FakeSignalHub();
const calls: Call[] = [];
/** Every peer connection each call made, so that a failing test can say where negotiation stopped. */
const connections = new Map<Call, PeerConnectionHandle[]>();
/** Each call's signal channel, whose `sent` log tells which descriptions went to whom. */
const channels = new Map<Call, FakeSignalChannel>();
const candidateLog = new Map<PeerConnectionHandle, { gathered: number; added: number; failed: string[] }>();

/** A browser peer connection that counts its ICE candidates (gathered, applied, refused) for diagnostics. */
function countedPeerConnection(config: Parameters<typeof createBrowserPeerConnection>[0]): PeerConnectionHandle {
  const pc = createBrowserPeerConnection(config);
  const log = { gathered: 0, added: 0, failed: [] as string[] };
  pc.on("icecandidate", (c) => {
    if (c) log.gathered++;
  });
  const counted: PeerConnectionHandle = Object.create(pc) as PeerConnectionHandle;
  counted.addIceCandidate = async (candidate) => {
    try {
      await pc.addIceCandidate(candidate);
      log.added++;
    } catch (error) {
      log.failed.push(`${(error as Error).name}:${candidate.usernameFragment ?? "-"}`);
      throw error;
    }
  };
  candidateLog.set(counted, log);
  return counted;
}

async function addParticipants(count: number): Promise<void> {
  const created: Call[] = [];
  for (let i = 0; i < count; i++) {
    const localMedia = new LocalMedia({ devices: devicesWithCanvasScreen(), video: { width: { ideal: 320 }, height: { ideal: 240 } } });
    await localMedia.start();
    const made: PeerConnectionHandle[] = [];
    const signal = new FakeSignalChannel(hub);
    const call = new Call({
      meetingId: hub.meetingId,
      signal,
      localMedia,
      getJoinToken: async () => "t",
      createPeerConnection: (config) => {
        const pc = countedPeerConnection(config);
        made.push(pc);
        return pc;
      },
    });
    connections.set(call, made);
    channels.set(call, signal);
    call.on("error", (e) => console.warn("call error", e.code, e.message));
    created.push(call);
  }
  calls.push(...created);
  // All at once: simultaneous offers (glare) on every pair.
  await Promise.all(created.map((c) => c.join()));
}

async function framesByCall(): Promise<{ self: string; remote: Record<string, { framesDecoded: number; sources: (string | null)[] }> }[]> {
  return Promise.all(
    calls.map(async (call) => {
      const stats = await call.getRemoteVideoStats();
      const remote: Record<string, { framesDecoded: number; sources: (string | null)[] }> = {};
      for (const [id, s] of Object.entries(stats)) remote[id] = { framesDecoded: s.framesDecoded, sources: s.tracks.map((t) => t.source) };
      return { self: call.self?.id ?? "", remote };
    }),
  );
}

function summary() {
  return calls.map((c) => ({
    state: c.state,
    self: c.self?.id ?? null,
    participants: c.participants.map((p) => ({
      id: p.id,
      connectionState: p.connectionState,
      tracks: Object.keys(p.tracks).sort(),
      screenSharing: p.screenSharing,
    })),
    peerConnections: (connections.get(c) ?? [])
      .filter((pc) => pc.connectionState !== "closed")
      .map((pc) => {
        const log = candidateLog.get(pc);
        const ufrags = [pc.localDescription, pc.remoteDescription].map((d) => /a=ice-ufrag:(\S+)/.exec(d?.sdp ?? "")?.[1] ?? "-");
        return `${pc.signalingState}/${pc.connectionState} ufrags=${ufrags.join(">")} candidates gathered=${log?.gathered} added=${log?.added} refused=[${log?.failed.join(",")}]`;
      }),
  }));
}

/** Per unordered pair of calls: the description types each side sent the other, e.g. ["offer", "answer"] (first→second). */
function descriptionsPerPair(): string[][][] {
  const sentTo = (from: Call, to: Call): string[] =>
    (channels.get(from)?.sent ?? [])
      .filter((m) => m.event === "signal:description" && (m.payload as { to: string }).to === to.self?.id)
      .map((m) => (m.payload as { description: { type: string } }).description.type);
  const pairs: string[][][] = [];
  for (let i = 0; i < calls.length; i++) {
    for (let j = i + 1; j < calls.length; j++) pairs.push([sentTo(calls[i]!, calls[j]!), sentTo(calls[j]!, calls[i]!)]);
  }
  return pairs;
}

/** Every open connection's video RTP per call (in and out, by mid), so that a failing test can say where media stopped. */
async function videoRtp(): Promise<string[][]> {
  return Promise.all(
    calls.map(async (call) =>
      Promise.all(
        (connections.get(call) ?? [])
          .filter((pc) => pc.connectionState !== "closed")
          .map(async (pc) => {
            const lines: string[] = [];
            (await pc.getStats()).forEach((e: Record<string, unknown>) => {
              if (e.kind !== "video") return;
              if (e.type === "inbound-rtp") lines.push(`in mid=${String(e.mid)} pkts=${String(e.packetsReceived)} frames=${String(e.framesDecoded)}`);
              if (e.type === "outbound-rtp")
                lines.push(`out mid=${String(e.mid)} pkts=${String(e.packetsSent)} frames=${String(e.framesEncoded)} limit=${String(e.qualityLimitationReason)}`);
            });
            const mids = pc.getTransceivers().map((t) => `${t.mid}:${t.direction}`);
            return `${pc.signalingState}/${pc.connectionState} transceivers=[${mids.join(",")}] ${lines.join("; ")}`;
          }),
      ),
    ),
  );
}

/** A real connection's ICE servers before and after setIceServers (renewed TURN credentials). */
function renewIceServers(): { before: number; after: string[] } {
  // Catch the real RTCPeerConnection the wrapper creates, to read its configuration.
  const Original = globalThis.RTCPeerConnection;
  const created: RTCPeerConnection[] = [];
  globalThis.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      created.push(this);
    }
  };
  const pc = createBrowserPeerConnection({ iceServers: [{ urls: ["stun:127.0.0.1:3478"] }] });
  globalThis.RTCPeerConnection = Original;
  const raw = created[0];
  const before = raw?.getConfiguration().iceServers?.length ?? -1;
  pc.setIceServers([{ urls: ["turn:127.0.0.1:3478?transport=udp"], username: "1800000000:me", credential: "fresh" }]);
  const after = (raw?.getConfiguration().iceServers ?? []).map((s) => `${String(s.urls)} ${s.username ?? ""}`);
  pc.close();
  pc.setIceServers([]); // after close: a no-op, not an exception
  return { before, after };
}

const api = {
  renewIceServers,
  addParticipants,
  framesByCall,
  summary,
  videoRtp,
  descriptionsPerPair,
  startScreenShare: (index: number) => calls[index]?.startScreenShare(),
  stopScreenShare: (index: number) => calls[index]?.stopScreenShare(),
  restartServer: () => hub.restart(50),
};

(globalThis as unknown as { parley: typeof api }).parley = api;
