/** Minimal MediaStreamTrack stand-in for Node unit tests. */
let nextTrackId = 1;

export class FakeTrack extends EventTarget {
  readonly id: string;
  readonly kind: "audio" | "video";
  readonly label: string;
  enabled = true;
  readyState: MediaStreamTrackState = "live";
  readonly settings: MediaTrackSettings;

  constructor(kind: "audio" | "video", settings: MediaTrackSettings = {}, label = `${kind} track`) {
    super();
    this.id = `track-${nextTrackId++}`;
    this.kind = kind;
    this.label = label;
    this.settings = settings;
  }

  /** Every applyConstraints call, in order. */
  readonly appliedConstraints: MediaTrackConstraints[] = [];
  /** Makes the next applyConstraints fail with this DOMException name (e.g. "OverconstrainedError"). */
  failApplyConstraints: string | null = null;

  stop(): void {
    this.readyState = "ended";
  }

  async applyConstraints(constraints: MediaTrackConstraints = {}): Promise<void> {
    if (this.failApplyConstraints) throw Object.assign(new Error(this.failApplyConstraints), { name: this.failApplyConstraints });
    this.appliedConstraints.push(constraints);
  }

  getSettings(): MediaTrackSettings {
    return this.settings;
  }

  /** What the browser does when the user presses "Stop sharing" or unplugs the device. */
  endFromBrowser(): void {
    this.readyState = "ended";
    this.dispatchEvent(new Event("ended"));
  }

  asTrack(): MediaStreamTrack {
    return this as unknown as MediaStreamTrack;
  }
}

export function fakeTrack(kind: "audio" | "video", settings: MediaTrackSettings = {}): MediaStreamTrack {
  return new FakeTrack(kind, settings).asTrack();
}

export function asFake(track: MediaStreamTrack | null | undefined): FakeTrack {
  if (!(track instanceof FakeTrack)) throw new Error("not a FakeTrack");
  return track;
}

function fakeStream(tracks: MediaStreamTrack[]): MediaStream {
  return {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === "audio"),
    getVideoTracks: () => tracks.filter((t) => t.kind === "video"),
  } as unknown as MediaStream;
}

function domError(name: string): Error {
  return Object.assign(new Error(name), { name });
}

/** navigator.mediaDevices stand-in: records constraints, can be told to fail per kind. */
export class FakeMediaDevices {
  readonly calls: MediaStreamConstraints[] = [];
  readonly tracks: FakeTrack[] = [];
  failAudio: string | null = null;
  failVideo: string | null = null;
  failDisplay: string | null = null;
  devices: MediaDeviceInfo[] = [
    { deviceId: "mic-1", kind: "audioinput", label: "Mic 1", groupId: "g1" } as MediaDeviceInfo,
    { deviceId: "cam-1", kind: "videoinput", label: "Cam 1", groupId: "g1" } as MediaDeviceInfo,
    { deviceId: "cam-2", kind: "videoinput", label: "Cam 2", groupId: "g2" } as MediaDeviceInfo,
    { deviceId: "spk-1", kind: "audiooutput", label: "Speaker", groupId: "g1" } as MediaDeviceInfo,
  ];

  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.calls.push(constraints);
    if (constraints.audio && this.failAudio) throw domError(this.failAudio);
    if (constraints.video && this.failVideo) throw domError(this.failVideo);
    const tracks: MediaStreamTrack[] = [];
    if (constraints.audio) tracks.push(this.#track("audio", constraints.audio, "mic-1"));
    if (constraints.video) tracks.push(this.#track("video", constraints.video, "cam-1"));
    return fakeStream(tracks);
  }

  async getDisplayMedia(): Promise<MediaStream> {
    if (this.failDisplay) throw domError(this.failDisplay);
    return fakeStream([this.#track("video", true, "screen")]);
  }

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return this.devices;
  }

  #track(kind: "audio" | "video", constraints: boolean | MediaTrackConstraints, fallbackId: string): MediaStreamTrack {
    const requested = typeof constraints === "object" ? constraints.deviceId : undefined;
    const deviceId = typeof requested === "object" && requested && "exact" in requested ? String(requested.exact) : fallbackId;
    const track = new FakeTrack(kind, { deviceId });
    this.tracks.push(track);
    return track.asTrack();
  }
}
