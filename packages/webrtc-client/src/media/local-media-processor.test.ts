import { describe, expect, it } from "vitest";
import { FakeMediaDevices, FakeTrack } from "../testing/fake-media";
import { LocalMedia } from "./local-media";
import type { TrackProcessor } from "./track-processor";

/** A processor like the background effect: one output track for every input, records what it was given. */
class FakeProcessor implements TrackProcessor {
  readonly inputs: MediaStreamTrack[] = [];
  releases = 0;
  failNext = false;
  readonly output: MediaStreamTrack;

  constructor(kind: "audio" | "video") {
    this.output = new FakeTrack(kind, {}, `processed ${kind}`).asTrack();
  }

  async process(input: MediaStreamTrack): Promise<MediaStreamTrack> {
    await Promise.resolve();
    if (this.failNext) throw new Error("worker crashed");
    this.inputs.push(input);
    return this.output;
  }

  release(): void {
    this.releases++;
  }
}

async function setup() {
  const media = new LocalMedia({ devices: new FakeMediaDevices() });
  await media.start();
  const changes: [string, MediaStreamTrack | null][] = [];
  media.on("trackChanged", (source, track) => changes.push([source, track]));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { media, changes, settle };
}

describe("LocalMedia track processors", () => {
  it("sends the processed camera and switches back to the captured one", async () => {
    const { media, changes } = await setup();
    const captured = media.state.cameraTrack;
    const blur = new FakeProcessor("video");
    await media.setVideoProcessor(blur);
    expect(blur.inputs).toEqual([captured]);
    expect(media.track("camera")).toBe(blur.output);
    expect(media.state.cameraTrack).toBe(blur.output);
    expect(changes).toEqual([["camera", blur.output]]);
    await media.setVideoProcessor(null);
    expect(media.track("camera")).toBe(captured);
    expect(blur.releases).toBe(1);
    expect(changes.at(-1)).toEqual(["camera", captured]);
  });

  it("keeps the same sent track across a camera switch (no replaceTrack) and processes the new camera", async () => {
    const { media, changes, settle } = await setup();
    const blur = new FakeProcessor("video");
    await media.setVideoProcessor(blur);
    changes.length = 0;
    await media.selectCamera("cam-2");
    await settle();
    expect(blur.inputs.at(-1)?.getSettings().deviceId).toBe("cam-2");
    expect(media.track("camera")).toBe(blur.output);
    // The captured camera is never sent in between; the processed track simply stays.
    expect(changes.filter(([, track]) => track !== null && track !== blur.output)).toEqual([]);
  });

  it("camera off releases the processor; camera on sends only the processed track", async () => {
    const { media, changes, settle } = await setup();
    const blur = new FakeProcessor("video");
    await media.setVideoProcessor(blur);
    await media.setVideoMuted(true);
    expect(blur.releases).toBe(1);
    expect(media.track("camera")).toBeNull();
    changes.length = 0;
    await media.setVideoMuted(false);
    await settle();
    expect(changes).toEqual([["camera", blur.output]]);
  });

  it("a processor that fails on a new microphone is dropped with an error, and the microphone is sent as captured", async () => {
    const { media, settle } = await setup();
    const errors: string[] = [];
    media.on("error", (e) => errors.push(e.code));
    const ns = new FakeProcessor("audio");
    await media.setAudioProcessor(ns);
    expect(media.track("microphone")).toBe(ns.output);
    ns.failNext = true;
    await media.selectMicrophone("mic-9");
    await settle();
    expect(errors).toEqual(["media_failed"]);
    expect(media.track("microphone")?.getSettings().deviceId).toBe("mic-9");
  });

  it("a processor that fails to start is refused and changes nothing", async () => {
    const { media } = await setup();
    const captured = media.track("microphone");
    const ns = new FakeProcessor("audio");
    ns.failNext = true;
    await expect(media.setAudioProcessor(ns)).rejects.toThrow("worker crashed");
    expect(media.track("microphone")).toBe(captured);
  });

  it("stop() releases the processors", async () => {
    const { media } = await setup();
    const blur = new FakeProcessor("video");
    const ns = new FakeProcessor("audio");
    await media.setVideoProcessor(blur);
    await media.setAudioProcessor(ns);
    media.stop();
    expect([blur.releases, ns.releases]).toEqual([1, 1]);
  });
});
