/**
 * Browser-side functions, evaluated in headless Chromium pages (plain DOM APIs, no bundling). Each is self-contained
 * because Playwright serializes it into the page. A page holds one fake camera and any number of RTCPeerConnections
 * keyed by an id we choose, so one renderer can carry dozens of subscribers.
 * Browser globals are reached through `globalThis` (typed any) so this program keeps no dependency on page state types.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Capture settings shared by every mode (the fake camera scales to what it is asked). */
export interface Capture {
  width: number;
  height: number;
  frameRate: number;
}

/** How the camera is sent: one layer, or simulcast h/m/l (highest first: Janus 1.1 maps the first rid to substream 2). */
export interface SendSpec {
  simulcast: boolean;
  /** bps; for simulcast the top layer's (m gets a third, l a tenth). */
  maxBitrate: number;
}

export interface SessionDescription {
  type: "offer" | "answer";
  sdp: string;
}

/** Per-PeerConnection counters (cumulative, as getStats reports them). */
export interface PcCounters {
  id: string;
  /** Everything the transport sent / received (RTP, RTCP, SRTP and ICE overhead included). */
  transportBytesSent: number;
  transportBytesReceived: number;
  outbound: { rid: string; bytes: number; frameWidth: number; frameHeight: number; fps: number; limitation: string }[];
  inbound: { mid: string; bytes: number; packetsReceived: number; packetsLost: number; framesDecoded: number; frameWidth: number; nackCount: number }[];
}

/** Open the fake camera once for this page (video only: every bench measures video). */
export async function pageOpenCamera(capture: Capture): Promise<{ width: number; height: number; frameRate: number }> {
  const w = globalThis as any;
  w.pcs ??= new Map();
  w.camera ??= await w.navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { width: { exact: capture.width }, height: { exact: capture.height }, frameRate: { ideal: capture.frameRate, max: capture.frameRate } },
  });
  const settings = w.camera.getVideoTracks()[0].getSettings();
  return { width: settings.width, height: settings.height, frameRate: settings.frameRate };
}

/** Publisher towards Janus: a sendonly PeerConnection carrying the camera; returns the offer. */
export async function pagePublishOffer(args: { id: string; send: SendSpec }): Promise<SessionDescription> {
  const w = globalThis as any;
  const pc = new w.RTCPeerConnection();
  w.pcs.set(args.id, pc);
  const track = w.camera.getVideoTracks()[0];
  pc.addTransceiver(track, {
    direction: "sendonly",
    streams: [w.camera],
    sendEncodings: args.send.simulcast
      ? [
          { rid: "h", maxBitrate: args.send.maxBitrate },
          { rid: "m", scaleResolutionDownBy: 2, maxBitrate: Math.round(args.send.maxBitrate / 3) },
          { rid: "l", scaleResolutionDownBy: 4, maxBitrate: Math.round(args.send.maxBitrate / 10) },
        ]
      : [{ maxBitrate: args.send.maxBitrate }],
  });
  await pc.setLocalDescription();
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && resolve());
  });
  return { type: "offer", sdp: pc.localDescription.sdp };
}

/** Apply the remote answer to PeerConnection `id`. */
export async function pageApplyAnswer(args: { id: string; answer: SessionDescription }): Promise<void> {
  await (globalThis as any).pcs.get(args.id).setRemoteDescription(args.answer);
}

/**
 * Subscriber: answer Janus' offer (new PeerConnection `id`, or renegotiation of an existing one).
 * `sink`: receive but never decode (encoded frames are counted in JS and dropped), so one renderer can stand in for
 * many more subscribers than it could decode; the RTP stack (SRTP, jitter buffer, NACK, loss stats) still runs.
 */
export async function pageAnswerOffer(args: { id: string; offer: SessionDescription; sink?: boolean }): Promise<SessionDescription> {
  const w = globalThis as any;
  const pc = w.pcs.get(args.id) ?? new w.RTCPeerConnection(args.sink ? { encodedInsertableStreams: true } : {});
  w.pcs.set(args.id, pc);
  await pc.setRemoteDescription(args.offer);
  if (args.sink) {
    w.sinkFrames ??= new Map();
    for (const transceiver of pc.getTransceivers()) {
      const receiver = transceiver.receiver;
      if (receiver.track.kind !== "video" || receiver.sinkHooked) continue;
      receiver.sinkHooked = true;
      const key = `${args.id}/${transceiver.mid}`;
      w.sinkFrames.set(key, 0);
      const { readable } = receiver.createEncodedStreams();
      void readable.pipeTo(new w.WritableStream({ write: () => void w.sinkFrames.set(key, w.sinkFrames.get(key) + 1) }));
    }
  }
  await pc.setLocalDescription();
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && resolve());
  });
  return { type: "answer", sdp: pc.localDescription.sdp };
}

/** Mesh, offering side: a sendrecv PeerConnection to one peer carrying the camera. */
export async function pageMeshOffer(args: { id: string; maxBitrate: number }): Promise<SessionDescription> {
  const w = globalThis as any;
  const pc = new w.RTCPeerConnection();
  w.pcs.set(args.id, pc);
  pc.addTransceiver(w.camera.getVideoTracks()[0], {
    direction: "sendrecv",
    streams: [w.camera],
    sendEncodings: [{ maxBitrate: args.maxBitrate }],
  });
  await pc.setLocalDescription();
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && resolve());
  });
  return { type: "offer", sdp: pc.localDescription.sdp };
}

/** Mesh, answering side: the offered m-line's transceiver sends our camera back with the same cap. */
export async function pageMeshAnswer(args: { id: string; offer: SessionDescription; maxBitrate: number }): Promise<SessionDescription> {
  const w = globalThis as any;
  const pc = new w.RTCPeerConnection();
  w.pcs.set(args.id, pc);
  await pc.setRemoteDescription(args.offer);
  const transceiver = pc.getTransceivers()[0];
  transceiver.direction = "sendrecv";
  await transceiver.sender.replaceTrack(w.camera.getVideoTracks()[0]);
  transceiver.sender.setStreams(w.camera);
  await pc.setLocalDescription();
  const params = transceiver.sender.getParameters();
  for (const encoding of params.encodings) encoding.maxBitrate = args.maxBitrate;
  await transceiver.sender.setParameters(params);
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && resolve());
  });
  return { type: "answer", sdp: pc.localDescription.sdp };
}

/** Cumulative counters of every PeerConnection of this page. */
export async function pageCounters(): Promise<PcCounters[]> {
  const w = globalThis as any;
  const out: PcCounters[] = [];
  for (const [id, pc] of w.pcs as Map<string, any>) {
    const report = await pc.getStats();
    const counters: PcCounters = { id, transportBytesSent: 0, transportBytesReceived: 0, outbound: [], inbound: [] };
    report.forEach((s: any) => {
      if (s.type === "transport") {
        counters.transportBytesSent += s.bytesSent ?? 0;
        counters.transportBytesReceived += s.bytesReceived ?? 0;
      } else if (s.type === "outbound-rtp" && s.kind === "video") {
        counters.outbound.push({
          rid: s.rid ?? "",
          bytes: (s.bytesSent ?? 0) + (s.headerBytesSent ?? 0),
          frameWidth: s.frameWidth ?? 0,
          frameHeight: s.frameHeight ?? 0,
          fps: s.framesPerSecond ?? 0,
          limitation: s.qualityLimitationReason ?? "",
        });
      } else if (s.type === "inbound-rtp" && s.kind === "video") {
        counters.inbound.push({
          mid: s.mid ?? "",
          bytes: (s.bytesReceived ?? 0) + (s.headerBytesReceived ?? 0),
          packetsReceived: s.packetsReceived ?? 0,
          packetsLost: s.packetsLost ?? 0,
          framesDecoded: w.sinkFrames?.get(`${id}/${s.mid}`) ?? s.framesDecoded ?? 0,
          frameWidth: s.frameWidth ?? 0,
          nackCount: s.nackCount ?? 0,
        });
      }
    });
    out.push(counters);
  }
  return out;
}

/**
 * Date.now() at the first decoded video frame of PeerConnection `id` (only m-line `mid` when given), polled every
 * 5 ms; null on timeout. Polling adds at most one period plus a getStats call (~1 ms) to what it measures.
 */
export async function pageFirstFrameAt(args: { id: string; mid?: string; timeoutMs: number }): Promise<number | null> {
  const pc = (globalThis as any).pcs.get(args.id);
  const deadline = Date.now() + args.timeoutMs;
  while (Date.now() < deadline) {
    const report = await pc.getStats();
    let decoded = 0;
    report.forEach((s: any) => {
      if (s.type === "inbound-rtp" && s.kind === "video" && (args.mid === undefined || s.mid === args.mid)) decoded += s.framesDecoded ?? 0;
    });
    if (decoded > 0) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return null;
}

/** Close PeerConnection `id` (the camera stays open for the next one). */
export function pageClosePc(id: string): void {
  const w = globalThis as any;
  w.pcs.get(id)?.close();
  w.pcs.delete(id);
}
