import { describe, expect, it } from "vitest";
import { asFake, FakeMediaDevices } from "../testing/fake-media";
import { LocalMedia } from "./local-media";

function setup() {
  const devices = new FakeMediaDevices();
  const media = new LocalMedia({ devices });
  const changes: [string, MediaStreamTrack | null][] = [];
  media.on("trackChanged", (source, track) => changes.push([source, track]));
  return { devices, media, changes };
}

describe("LocalMedia", () => {
  it("asks for both devices at once with echo cancellation, noise suppression and auto gain on", async () => {
    const { devices, media } = setup();
    const result = await media.start();
    expect(result.errors).toEqual({});
    expect(devices.calls).toHaveLength(1);
    expect(devices.calls[0]?.audio).toMatchObject({ echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    expect(media.state.microphoneTrack?.kind).toBe("audio");
    expect(media.state.cameraTrack?.kind).toBe("video");
  });

  it("keeps the microphone when the camera is in use, with a typed error for the camera", async () => {
    const { devices, media } = setup();
    devices.failVideo = "NotReadableError";
    const errors: string[] = [];
    media.on("error", (e) => errors.push(e.code));
    const result = await media.start();
    expect(result.errors.camera?.code).toBe("device_in_use");
    expect(result.errors.microphone).toBeUndefined();
    expect(media.state.microphoneTrack).not.toBeNull();
    expect(media.state.videoMuted).toBe(true);
    expect(errors).toEqual(["device_in_use"]);
  });

  it("reports denied permission for both sources", async () => {
    const { devices, media } = setup();
    devices.failAudio = "NotAllowedError";
    devices.failVideo = "NotAllowedError";
    const result = await media.start();
    expect(result.errors.microphone?.code).toBe("permission_denied");
    expect(result.errors.camera?.code).toBe("permission_denied");
  });

  it("mutes by disabling the track, without replacing it", async () => {
    const { media, changes } = setup();
    await media.start();
    const mic = media.state.microphoneTrack;
    changes.length = 0;
    media.setAudioMuted(true);
    expect(mic?.enabled).toBe(false);
    expect(media.state.audioMuted).toBe(true);
    media.setAudioMuted(false);
    expect(mic?.enabled).toBe(true);
    expect(changes).toEqual([]);
  });

  it("camera off stops the track (light off) and on reacquires the same device", async () => {
    const { media, changes } = setup();
    await media.start({ cameraId: "cam-2" });
    const first = media.state.cameraTrack;
    await media.setVideoMuted(true);
    expect(asFake(first).readyState).toBe("ended");
    expect(changes.at(-1)).toEqual(["camera", null]);
    await media.setVideoMuted(false);
    const second = media.state.cameraTrack;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(second?.getSettings().deviceId).toBe("cam-2");
  });

  it("switches camera and microphone, stopping the old tracks", async () => {
    const { media, changes } = setup();
    await media.start();
    const oldCam = media.state.cameraTrack;
    media.setAudioMuted(true);
    await media.selectCamera("cam-2");
    await media.selectMicrophone("mic-9");
    expect(asFake(oldCam).readyState).toBe("ended");
    expect(media.state.cameraId).toBe("cam-2");
    expect(media.state.microphoneTrack?.getSettings().deviceId).toBe("mic-9");
    expect(media.state.microphoneTrack?.enabled).toBe(false); // mute survives the switch
    expect(changes.filter(([s, t]) => s === "camera" && t !== null)).toHaveLength(2);
  });

  it("a quality choice re-constrains the running camera in place and holds for the next capture", async () => {
    const { devices, media, changes } = setup();
    await media.start({ cameraId: "cam-2" });
    const camera = media.state.cameraTrack;
    const before = changes.length;
    await media.setVideoQuality("360p");
    expect(media.state.videoQuality).toBe("360p");
    expect(media.state.cameraTrack).toBe(camera); // same track: nothing to replace on the connections
    expect(changes).toHaveLength(before);
    expect(asFake(camera).appliedConstraints).toEqual([expect.objectContaining({ height: { ideal: 360, max: 360 }, deviceId: { exact: "cam-2" } })]);
    await media.setVideoMuted(true);
    await media.setVideoMuted(false);
    expect(devices.calls.at(-1)?.video).toMatchObject({ height: { ideal: 360, max: 360 }, deviceId: { exact: "cam-2" } });
    await media.setVideoQuality("auto");
    expect(asFake(media.state.cameraTrack).appliedConstraints.at(-1)).toMatchObject({ height: { ideal: 540 } });
  });

  it("a quality the camera refuses keeps the previous choice and reports a typed error", async () => {
    const { media } = setup();
    await media.start();
    asFake(media.state.cameraTrack).failApplyConstraints = "OverconstrainedError";
    await expect(media.setVideoQuality("720p")).rejects.toMatchObject({ code: "constraints_unsatisfiable" });
    expect(media.state.videoQuality).toBe("auto");
  });

  it("remembers the quality while the camera is off", async () => {
    const { devices, media } = setup();
    await media.start({ video: false });
    await media.setVideoQuality("180p");
    expect(media.state.videoQuality).toBe("180p");
    await media.setVideoMuted(false);
    expect(devices.calls.at(-1)?.video).toMatchObject({ height: { max: 180 }, frameRate: { max: 15 } });
  });

  it("screen share is an extra track; the browser's stop button ends it", async () => {
    const { media, changes } = setup();
    await media.start();
    const screen = await media.startScreenShare();
    expect(media.state.screenSharing).toBe(true);
    expect(media.state.cameraTrack).not.toBeNull();
    asFake(screen).endFromBrowser();
    expect(media.state.screenSharing).toBe(false);
    expect(changes.at(-1)).toEqual(["screen", null]);
  });

  it("a dismissed screen picker is share_cancelled", async () => {
    const { devices, media } = setup();
    devices.failDisplay = "NotAllowedError";
    await expect(media.startScreenShare()).rejects.toMatchObject({ code: "share_cancelled" });
  });

  it("state is the same object until something changes", async () => {
    const { media } = setup();
    await media.start();
    const first = media.state;
    expect(media.state).toBe(first);
    media.setAudioMuted(true);
    expect(media.state).not.toBe(first);
    expect(media.state.audioMuted).toBe(true);
  });

  it("lists devices by kind", async () => {
    const { media } = setup();
    const list = await media.listDevices();
    expect(list.cameras.map((d) => d.deviceId)).toEqual(["cam-1", "cam-2"]);
    expect(list.speakers).toHaveLength(1);
  });

  it("stop() is idempotent, stops tracks, and later calls throw closed", async () => {
    const { media } = setup();
    await media.start();
    const mic = media.state.microphoneTrack;
    media.stop();
    media.stop();
    expect(asFake(mic).readyState).toBe("ended");
    expect(() => media.setAudioMuted(true)).toThrow(expect.objectContaining({ code: "closed" }));
  });
});
