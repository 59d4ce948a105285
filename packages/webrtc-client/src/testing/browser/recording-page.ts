/**
 * Runs inside a real Chromium page (bundled by the signaling service's recording netns test: export
 * `@parley/webrtc-client/testing/recording-page`): real Calls against the real signaling server, each participant
 * with its own recognisable media: a camera that is a canvas painted in
 * one solid colour and a microphone that is a sine tone, so each one's content can be found in the composed file.
 */
import { Call } from "../../call/call";
import { LocalMedia, type MediaDevicesLike } from "../../media/local-media";
import { createBrowserPeerConnection } from "../../peer/browser-peer-connection";
import type { SignalChannel } from "../../signal/signal-channel";
import { createSocketSignalChannel } from "../../signal/socket-signal-channel";

declare function parleyToken(meetingId: string, index: number): Promise<string>;

export type FakePerson = { colour: [number, number, number]; toneHz: number; screenColour?: [number, number, number] };

const calls: Call[] = [];
const signals: SignalChannel[] = [];
const errors: string[] = [];
const audioContext = new AudioContext();

/** A canvas video track in one solid colour (a small blinking mark keeps the encoder sending real frames). */
function solidColour(colour: readonly number[], width: number, height: number, fps: number): MediaStreamTrack[] {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  let tick = 0;
  const paint = () => {
    if (!ctx) return;
    ctx.fillStyle = `rgb(${colour.join(",")})`;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = tick++ % 2 ? "#fff" : "#000";
    ctx.fillRect(0, 0, 8, 8);
  };
  paint();
  setInterval(paint, 1000 / fps);
  return canvas.captureStream(fps).getVideoTracks();
}

/**
 * getUserMedia answered with a solid-colour canvas (320×240, 25 fps) and a sine tone, distinct per person;
 * getDisplayMedia (no picker in a headless page) with a canvas in the person's screen colour (640×360, 15 fps).
 */
function fakeDevices(person: FakePerson): MediaDevicesLike {
  return {
    enumerateDevices: () => Promise.resolve([]),
    getDisplayMedia: () => Promise.resolve(new MediaStream(solidColour(person.screenColour ?? [230, 220, 30], 640, 360, 15))),
    getUserMedia: async (constraints) => {
      const tracks: MediaStreamTrack[] = [];
      if (constraints.video) tracks.push(...solidColour(person.colour, 320, 240, 25));
      if (constraints.audio) {
        const oscillator = audioContext.createOscillator();
        oscillator.frequency.value = person.toneHz;
        const gain = audioContext.createGain();
        gain.gain.value = 0.3;
        const destination = audioContext.createMediaStreamDestination();
        oscillator.connect(gain).connect(destination);
        oscillator.start();
        await audioContext.resume();
        tracks.push(...destination.stream.getAudioTracks());
      }
      return new MediaStream(tracks);
    },
  };
}

async function join(url: string, meetingId: string, index: number, person: FakePerson): Promise<string> {
  const localMedia = new LocalMedia({ devices: fakeDevices(person) });
  await localMedia.start();
  const signal = createSocketSignalChannel({ url });
  signals[index] = signal;
  const call = new Call({
    meetingId,
    signal,
    localMedia,
    getJoinToken: () => parleyToken(meetingId, index),
    createPeerConnection: (config) => createBrowserPeerConnection(config),
  });
  call.on("error", (e) => errors.push(`${index}: ${e.code} ${e.message}`));
  calls[index] = call;
  const outcome = await call.join();
  return outcome.status === "joined" ? outcome.self.id : "waiting";
}

/** Camera frames participant `index` decoded from each other participant (the call is up through the SFU). */
async function cameraFrames(index: number): Promise<Record<string, number>> {
  const stats = (await calls[index]?.getRemoteVideoStats()) ?? {};
  return Object.fromEntries(
    Object.entries(stats).map(([id, s]) => [id, s.tracks.filter((t) => t.source === "camera").reduce((n, t) => n + t.framesDecoded, 0)]),
  );
}

/** A recording request from participant `index`'s own socket, answered with the server's Ack. */
async function record(index: number, meetingId: string, on: boolean): Promise<unknown> {
  const signal = signals[index];
  if (!signal) throw new Error(`no participant ${index}`);
  try {
    return { ok: true, data: await signal.request(on ? "recording:start" : "recording:stop", { meetingId }) };
  } catch (error) {
    return { ok: false, error: { code: (error as { code?: string }).code, message: (error as Error).message } };
  }
}

async function leave(index: number): Promise<void> {
  await calls[index]?.leave();
}

/** Participant `index` shares its (canvas) screen. */
async function share(index: number): Promise<void> {
  await calls[index]?.startScreenShare();
}

/** Screen frames participant `index` decoded from each other participant. */
async function screenFrames(index: number): Promise<Record<string, number>> {
  const stats = (await calls[index]?.getRemoteVideoStats()) ?? {};
  return Object.fromEntries(
    Object.entries(stats).map(([id, s]) => [id, s.tracks.filter((t) => t.source === "screen").reduce((n, t) => n + t.framesDecoded, 0)]),
  );
}

Object.assign(globalThis, { parleyRecordingTest: { join, cameraFrames, screenFrames, share, record, leave, errors } });
