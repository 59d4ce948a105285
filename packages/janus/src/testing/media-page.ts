/**
 * Browser-side helpers for the SFU media tests, evaluated in a real Chromium page (plain DOM APIs, no bundling).
 * Each function is self-contained: Playwright serializes it into the page. Browser globals are reached through
 * `globalThis` (typed any) so the service's TypeScript program keeps no DOM types.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Publisher: gUM, simulcast camera + microphone, offer with all candidates (Janus gets no trickle). */
export async function pagePublishOffer(video: { width: number; height: number; simulcast: boolean }) {
  const w = globalThis as any;
  w.gumAt = Date.now();
  const stream = await w.navigator.mediaDevices.getUserMedia({
    audio: true,
    video: { width: { ideal: video.width }, height: { ideal: video.height }, frameRate: 30 },
  });
  const pc = new w.RTCPeerConnection();
  w.pc = pc;
  pc.addTransceiver(stream.getAudioTracks()[0]!, { direction: "sendonly", streams: [stream] });
  const video_ = pc.addTransceiver(stream.getVideoTracks()[0]!, {
    direction: "sendonly",
    streams: [stream],
    sendEncodings: video.simulcast
      ? // NOTE: highest first, as janus.js does: Janus 1.1 maps the first rid to its top substream (2).
        // Listed lowest first, `substream: 0` would select the 720p layer.
        [
          { rid: "h", maxBitrate: 1_500_000 },
          { rid: "m", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
          { rid: "l", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
        ]
      : undefined,
  });
  // A loaded machine makes Chromium scale every layer down for CPU (quality limitation "cpu"); keep the resolution and
  // give up frame rate instead, so layer sizes say which layer Janus forwards.
  try {
    const params = video_.sender.getParameters();
    await video_.sender.setParameters({ ...params, degradationPreference: "maintain-resolution" });
  } catch {
    // Not supported by this browser: the test then compares layer sizes relative to each other.
  }
  await pc.setLocalDescription();
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && resolve());
  });
  return { type: "offer" as const, sdp: pc.localDescription!.sdp };
}

export async function pageApplyAnswer(answer: { type: "offer" | "answer"; sdp: string }) {
  await (globalThis as any).pc.setRemoteDescription(answer);
}

/** Subscriber: answer Janus' offer (all candidates included) and start timing the first decoded frame. */
export async function pageAnswerOffer(offer: { type: "offer" | "answer"; sdp: string }) {
  const w = globalThis as any;
  const pc = w.pc ?? new w.RTCPeerConnection();
  w.pc = pc;
  pc.ontrack = (event: any) => {
    if (event.track.kind !== "audio") return;
    // NOTE: Chrome counts remote audio samples only when the track plays somewhere.
    const audio = w.document.createElement("audio");
    audio.srcObject = new w.MediaStream([event.track]);
    void audio.play().catch(() => undefined);
  };
  await pc.setRemoteDescription(offer);
  await pc.setLocalDescription();
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && resolve());
  });
  return { type: "answer" as const, sdp: pc.localDescription!.sdp };
}

/** Inbound video per mid: frames decoded and the current frame size. */
export async function pageInboundVideo() {
  const report = await ((globalThis as any).pc ).getStats();
  const out: { mid: string; framesDecoded: number; frameWidth: number; frameHeight: number }[] = [];
  report.forEach((s: any) => {
    if (s.type === "inbound-rtp" && s.kind === "video") {
      out.push({ mid: s.mid ?? "", framesDecoded: s.framesDecoded ?? 0, frameWidth: s.frameWidth ?? 0, frameHeight: s.frameHeight ?? 0 });
    }
  });
  return out;
}

/** Audio received (samples and energy). */
export async function pageInboundAudio() {
  const report = await ((globalThis as any).pc ).getStats();
  let samples = 0;
  report.forEach((s: any) => {
    if (s.type === "inbound-rtp" && s.kind === "audio") samples += s.totalSamplesReceived ?? 0;
  });
  return samples;
}

/** Resolves with Date.now() at the first decoded video frame (polled every 10 ms). */
export async function pageFirstFrameAt(timeoutMs: number) {
  const pc = (globalThis as any).pc ;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const report = await pc.getStats();
    let decoded = 0;
    report.forEach((s: any) => {
      if (s.type === "inbound-rtp" && s.kind === "video") decoded += s.framesDecoded ?? 0;
    });
    if (decoded > 0) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
}

export function pageClose() {
  const w = globalThis as any;
  w.pc?.getSenders().forEach((s: any) => s.track?.stop());
  w.pc?.close();
  w.pc = undefined;
}

/** Why the publisher sends less than asked, per layer (`qualityLimitationReason`, width sent). */
export async function pageQualityLimitation() {
  const report = await ((globalThis as any).pc).getStats();
  const out: string[] = [];
  report.forEach((s: any) => {
    if (s.type === "outbound-rtp" && s.kind === "video") out.push(`${s.rid ?? "-"}: ${s.frameWidth ?? 0} px, ${s.qualityLimitationReason ?? "?"}`);
  });
  return out.join("; ");
}
