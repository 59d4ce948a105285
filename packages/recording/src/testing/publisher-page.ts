// Test-only: a script for Chromium pages (plain JS, so no test-runner transform leaks into the page). A publisher
// whose camera is a canvas painted in one solid colour and whose microphone is a sine tone, so every participant's
// content is distinct and recognisable in the composed file.
export type PublisherSpec = { colour: [number, number, number]; width: number; height: number; toneHz: number | null };

export const PUBLISHER_SCRIPT = `
window.parleyStartPublisher = async (spec) => {
  const canvas = document.createElement("canvas");
  canvas.width = spec.width;
  canvas.height = spec.height;
  const ctx = canvas.getContext("2d");
  let tick = 0;
  const paint = () => {
    ctx.fillStyle = "rgb(" + spec.colour.join(",") + ")";
    ctx.fillRect(0, 0, spec.width, spec.height);
    // A small blinking mark keeps the encoder sending real frames without changing the tile's colour.
    ctx.fillStyle = tick++ % 2 ? "#fff" : "#000";
    ctx.fillRect(0, 0, 8, 8);
  };
  paint();
  setInterval(paint, 40);
  const pc = new RTCPeerConnection();
  pc.addTransceiver(canvas.captureStream(25).getVideoTracks()[0], { direction: "sendonly" });
  if (spec.toneHz) {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    oscillator.frequency.value = spec.toneHz;
    const gain = audio.createGain();
    gain.gain.value = 0.3;
    const destination = audio.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    await audio.resume();
    pc.addTransceiver(destination.stream.getAudioTracks()[0], { direction: "sendonly" });
  }
  window.parleyPc = pc;
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && resolve());
    setTimeout(resolve, 5000);
  });
  return pc.localDescription.sdp;
};
window.parleyAcceptAnswer = (sdp) => window.parleyPc.setRemoteDescription({ type: "answer", sdp });
window.parleyBytesSent = async () => {
  let total = 0;
  (await window.parleyPc.getStats()).forEach((s) => { if (s.type === "outbound-rtp") total += s.bytesSent || 0; });
  return total;
};
`;
