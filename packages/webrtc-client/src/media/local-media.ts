import type { TrackSource } from "@parley/protocol";
import { CallError } from "../errors";
import { TypedEmitter } from "../emitter";
import { audioConstraints, DEFAULT_VIDEO, videoConstraints } from "./constraints";
import { mediaError } from "./media-errors";
import { ProcessedSource, type TrackProcessor } from "./track-processor";
import { videoQualityConstraints, type VideoQuality } from "./video-quality";

/** The part of `navigator.mediaDevices` we use (injected so tests can fake it). */
export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia?(options?: DisplayMediaStreamOptions): Promise<MediaStream>;
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
  addEventListener?(type: "devicechange", listener: () => void): void;
  removeEventListener?(type: "devicechange", listener: () => void): void;
}

export interface DeviceList {
  readonly microphones: MediaDeviceInfo[];
  readonly cameras: MediaDeviceInfo[];
  readonly speakers: MediaDeviceInfo[];
}

export interface LocalMediaState {
  /** The microphone track sent (a processor's output while one is set, see `setAudioProcessor`). */
  readonly microphoneTrack: MediaStreamTrack | null;
  /** The camera track sent (a processor's output while one is set, see `setVideoProcessor`). */
  readonly cameraTrack: MediaStreamTrack | null;
  readonly screenTrack: MediaStreamTrack | null;
  /** Microphone muted (track disabled, still captured). */
  readonly audioMuted: boolean;
  /** Camera off (track stopped: the camera light goes out). */
  readonly videoMuted: boolean;
  readonly screenSharing: boolean;
  readonly microphoneId: string | null;
  readonly cameraId: string | null;
  readonly speakerId: string | null;
  /** The sent camera quality chosen (applies to the current camera and every later capture). */
  readonly videoQuality: VideoQuality;
}

export type LocalMediaEvents = {
  /** The track sent for `source` changed (new device, camera on/off, share start/stop). */
  trackChanged: (source: TrackSource, track: MediaStreamTrack | null) => void;
  /** Anything in `state` changed. */
  stateChanged: (state: LocalMediaState) => void;
  devicesChanged: (devices: DeviceList) => void;
  error: (error: CallError) => void;
};

export interface LocalMediaOptions {
  /** Defaults to `navigator.mediaDevices`. */
  readonly devices?: MediaDevicesLike;
  readonly video?: MediaTrackConstraints;
}

export interface StartOptions {
  readonly audio?: boolean;
  readonly video?: boolean;
  readonly microphoneId?: string | null;
  readonly cameraId?: string | null;
}

/** Problems per source from `start()`; a source that failed is simply absent from the state. */
export type StartResult = { readonly errors: Partial<Record<"microphone" | "camera", CallError>> };

/**
 * The local camera, microphone and screen share. Survives across pre-join preview and the call:
 * hand the same instance to `Call`. Mute is `track.enabled`; camera off stops the track.
 */
export class LocalMedia extends TypedEmitter<LocalMediaEvents> {
  readonly #devices: MediaDevicesLike | null;
  /** The capture asked for when the quality is "auto". */
  readonly #autoVideo: MediaTrackConstraints;
  #videoQuality: VideoQuality = "auto";
  #microphone: MediaStreamTrack | null = null;
  #camera: MediaStreamTrack | null = null;
  #screen: MediaStreamTrack | null = null;
  #audioMuted = false;
  #videoMuted = false;
  #microphoneId: string | null = null;
  #cameraId: string | null = null;
  #speakerId: string | null = null;
  #stopped = false;
  #state: LocalMediaState | null = null;
  readonly #onDeviceChange = (): void => void this.listDevices().then((d) => this.emit("devicesChanged", d), () => undefined);
  readonly #onScreenEnded = (): void => this.stopScreenShare();
  readonly #processed = { microphone: this.#processedSource("microphone"), camera: this.#processedSource("camera") };

  constructor(options: LocalMediaOptions = {}) {
    super();
    this.#devices = options.devices ?? (typeof navigator !== "undefined" ? (navigator.mediaDevices ?? null) : null);
    this.#autoVideo = options.video ?? DEFAULT_VIDEO;
    this.#devices?.addEventListener?.("devicechange", this.#onDeviceChange);
  }

  /** Current state; the same object until something changes (safe for React's useSyncExternalStore). */
  get state(): LocalMediaState {
    const next: LocalMediaState = {
      microphoneTrack: this.#processed.microphone.sent,
      cameraTrack: this.#processed.camera.sent,
      screenTrack: this.#screen,
      audioMuted: this.#audioMuted || this.#microphone === null,
      videoMuted: this.#videoMuted || this.#camera === null,
      screenSharing: this.#screen !== null,
      microphoneId: this.#microphoneId,
      cameraId: this.#cameraId,
      speakerId: this.#speakerId,
      videoQuality: this.#videoQuality,
    };
    const cached = this.#state;
    if (cached && (Object.keys(next) as (keyof LocalMediaState)[]).every((k) => cached[k] === next[k])) return cached;
    this.#state = next;
    return next;
  }

  /** Subscribe to state changes (returns unsubscribe); pairs with `state` for useSyncExternalStore. */
  subscribe(listener: () => void): () => void {
    return this.on("stateChanged", () => listener());
  }

  /** The track currently to be sent for `source` (null when muted-off/absent). */
  track(source: TrackSource): MediaStreamTrack | null {
    return source === "screen" ? this.#screen : this.#processed[source].sent;
  }

  /**
   * Send the camera through `processor` (e.g. background blur), or as captured (null). Every connection gets the
   * processed track by replaceTrack, and it follows camera switches and camera off/on. The caller owns the processor.
   */
  async setVideoProcessor(processor: TrackProcessor | null): Promise<void> {
    this.#assertOpen();
    await this.#processed.camera.setProcessor(processor);
    this.#emitState();
  }

  /** Send the microphone through `processor` (e.g. noise suppression), or as captured (null); as `setVideoProcessor`. */
  async setAudioProcessor(processor: TrackProcessor | null): Promise<void> {
    this.#assertOpen();
    await this.#processed.microphone.setProcessor(processor);
    this.#emitState();
  }

  /**
   * Open microphone and camera with one permission prompt; if that fails, try each alone so a missing
   * camera does not cost the microphone. Sources that failed come back in `errors` (and `error` events).
   */
  async start(options: StartOptions = {}): Promise<StartResult> {
    const devices = this.#requireDevices();
    const wantAudio = options.audio ?? true;
    const wantVideo = options.video ?? true;
    if (options.microphoneId !== undefined) this.#microphoneId = options.microphoneId;
    if (options.cameraId !== undefined) this.#cameraId = options.cameraId;
    if (!wantVideo) this.#videoMuted = true;
    const errors: { microphone?: CallError; camera?: CallError } = {};
    if (!wantAudio && !wantVideo) return { errors };

    try {
      const stream = await devices.getUserMedia({
        audio: wantAudio ? audioConstraints(this.#microphoneId) : false,
        video: wantVideo ? videoConstraints(this.#cameraId, this.#video) : false,
      });
      this.#assertNotStopped(stream);
      if (wantAudio) this.#setMicrophone(stream.getAudioTracks()[0] ?? null);
      if (wantVideo) this.#setCamera(stream.getVideoTracks()[0] ?? null);
    } catch (combined) {
      if (combined instanceof CallError && combined.code === "closed") throw combined;
      if (!(wantAudio && wantVideo)) {
        const source = wantAudio ? "microphone" : "camera";
        errors[source] = mediaError(combined, source);
      } else {
        const [audio, video] = await Promise.allSettled([this.#acquire("microphone"), this.#acquire("camera")]);
        if (audio.status === "fulfilled") this.#setMicrophone(audio.value);
        else errors.microphone = mediaError(audio.reason, "microphone");
        if (video.status === "fulfilled") this.#setCamera(video.value);
        else errors.camera = mediaError(video.reason, "camera");
      }
    }
    for (const error of Object.values(errors)) this.emit("error", error);
    this.#emitState();
    return { errors };
  }

  /** Mute/unmute the microphone without renegotiation (the track keeps running, sends silence). */
  setAudioMuted(muted: boolean): void {
    this.#assertOpen();
    this.#audioMuted = muted;
    if (this.#microphone) this.#microphone.enabled = !muted;
    this.#emitState();
  }

  /** Camera on/off. Off stops the track (camera light goes out); on captures again from the selected camera. */
  async setVideoMuted(muted: boolean): Promise<void> {
    this.#assertOpen();
    if (muted) {
      this.#videoMuted = true;
      this.#setCamera(null);
      this.#emitState();
      return;
    }
    if (this.#camera) {
      this.#videoMuted = false;
      this.#emitState();
      return;
    }
    try {
      const track = await this.#acquire("camera");
      this.#assertNotStopped(track);
      this.#videoMuted = false;
      this.#setCamera(track);
      this.#emitState();
    } catch (error) {
      throw this.#report(mediaError(error, "camera"));
    }
  }

  /** Switch microphone; the new track replaces the old one on every connection (no renegotiation). */
  async selectMicrophone(deviceId: string): Promise<void> {
    this.#assertOpen();
    const previous = this.#microphoneId;
    this.#microphoneId = deviceId;
    if (!this.#microphone) return this.#emitState();
    try {
      const track = await this.#acquire("microphone");
      this.#assertNotStopped(track);
      this.#setMicrophone(track);
      this.#emitState();
    } catch (error) {
      this.#microphoneId = previous;
      throw this.#report(mediaError(error, "microphone"));
    }
  }

  /** Switch camera; while the camera is off this only remembers the choice. */
  async selectCamera(deviceId: string): Promise<void> {
    this.#assertOpen();
    const previous = this.#cameraId;
    this.#cameraId = deviceId;
    if (!this.#camera) return this.#emitState();
    try {
      // NOTE: stop the old camera first: many laptop cameras cannot be opened twice at once.
      this.#setCamera(null);
      const track = await this.#acquire("camera");
      this.#assertNotStopped(track);
      this.#setCamera(track);
      this.#emitState();
    } catch (error) {
      this.#cameraId = previous;
      this.#emitState();
      throw this.#report(mediaError(error, "camera"));
    }
  }

  /** Remember the speaker; apply it to media elements with `setAudioOutput(element, state.speakerId)`. */
  selectSpeaker(deviceId: string): void {
    this.#assertOpen();
    this.#speakerId = deviceId;
    this.#emitState();
  }

  /**
   * Choose the sent camera quality. A running camera is re-constrained in place (same track: nothing to replace or
   * renegotiate); the choice also holds for the next capture (camera back on, another camera).
   */
  async setVideoQuality(quality: VideoQuality): Promise<void> {
    this.#assertOpen();
    const previous = this.#videoQuality;
    this.#videoQuality = quality;
    const camera = this.#camera;
    if (camera) {
      try {
        await camera.applyConstraints(videoConstraints(this.#cameraId, this.#video));
      } catch (error) {
        this.#videoQuality = previous;
        throw this.#report(mediaError(error, "camera"));
      }
    }
    this.#emitState();
  }

  /** Share a screen/window/tab as an additional video track (the camera stays on). */
  async startScreenShare(): Promise<MediaStreamTrack> {
    this.#assertOpen();
    const devices = this.#requireDevices();
    if (this.#screen) return this.#screen;
    if (!devices.getDisplayMedia) throw this.#report(new CallError("unsupported", "This browser cannot share the screen."));
    let track: MediaStreamTrack | undefined;
    try {
      const stream = await devices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
      track = stream.getVideoTracks()[0];
    } catch (error) {
      throw this.#report(mediaError(error, "screen"));
    }
    if (!track) throw this.#report(new CallError("media_failed", "Screen sharing returned no video."));
    this.#assertNotStopped(track);
    // "detail" tells encoders to keep text sharp rather than motion smooth.
    if ("contentHint" in track) track.contentHint = "detail";
    // The browser's own "Stop sharing" button ends the track; follow it.
    track.addEventListener("ended", this.#onScreenEnded);
    this.#screen = track;
    this.emit("trackChanged", "screen", track);
    this.#emitState();
    return track;
  }

  stopScreenShare(): void {
    const track = this.#screen;
    if (!track) return;
    this.#screen = null;
    track.removeEventListener("ended", this.#onScreenEnded);
    track.stop();
    this.emit("trackChanged", "screen", null);
    this.#emitState();
  }

  /** Cameras, microphones and speakers (labels are empty until a permission was granted). */
  async listDevices(): Promise<DeviceList> {
    const all = await this.#requireDevices().enumerateDevices();
    return {
      microphones: all.filter((d) => d.kind === "audioinput"),
      cameras: all.filter((d) => d.kind === "videoinput"),
      speakers: all.filter((d) => d.kind === "audiooutput"),
    };
  }

  /** Stop every track and forget them; safe to call twice. */
  stop(): void {
    if (this.#stopped) return;
    this.stopScreenShare();
    this.#setMicrophone(null);
    this.#setCamera(null);
    this.#stopped = true;
    this.#devices?.removeEventListener?.("devicechange", this.#onDeviceChange);
    this.#emitState();
    this.removeAllListeners();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  get #video(): MediaTrackConstraints {
    return videoQualityConstraints(this.#videoQuality, this.#autoVideo);
  }

  async #acquire(source: "microphone" | "camera"): Promise<MediaStreamTrack> {
    const devices = this.#requireDevices();
    const stream = await devices.getUserMedia(
      source === "microphone"
        ? { audio: audioConstraints(this.#microphoneId), video: false }
        : { audio: false, video: videoConstraints(this.#cameraId, this.#video) },
    );
    const track = source === "microphone" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    if (!track) throw new CallError("no_device", `No ${source} track was returned`);
    return track;
  }

  #setMicrophone(track: MediaStreamTrack | null): void {
    if (track === this.#microphone) return;
    const old = this.#microphone;
    this.#microphone = track;
    if (track) {
      track.enabled = !this.#audioMuted;
      this.#microphoneId = track.getSettings().deviceId ?? this.#microphoneId;
    }
    this.#processed.microphone.setInput(track);
    old?.stop();
  }

  #setCamera(track: MediaStreamTrack | null): void {
    if (track === this.#camera) return;
    const old = this.#camera;
    this.#camera = track;
    if (track) this.#cameraId = track.getSettings().deviceId ?? this.#cameraId;
    this.#processed.camera.setInput(track);
    old?.stop();
  }

  /** The sent track of `source` follows its processor; changes go out as `trackChanged`. */
  #processedSource(source: "microphone" | "camera"): ProcessedSource {
    return new ProcessedSource({
      sentChanged: (track, later) => {
        if (this.#stopped && track) return;
        this.emit("trackChanged", source, track);
        if (later) this.#emitState();
      },
      failed: (error) => this.#report(new CallError("media_failed", `The ${source} effect stopped working; sending it unprocessed.`, error)),
    });
  }

  #emitState(): void {
    this.emit("stateChanged", this.state);
  }

  #report(error: CallError): CallError {
    this.emit("error", error);
    return error;
  }

  #requireDevices(): MediaDevicesLike {
    this.#assertOpen();
    if (!this.#devices) throw new CallError("unsupported", "Media devices are not available (a secure https:// page is required).");
    return this.#devices;
  }

  /** A capture that resolves after stop() must not leak a live camera. */
  #assertNotStopped(acquired: MediaStream | MediaStreamTrack): void {
    if (!this.#stopped) return;
    const tracks = "getTracks" in acquired ? acquired.getTracks() : [acquired];
    for (const t of tracks) t.stop();
    throw CallError.closed("local media");
  }

  #assertOpen(): void {
    if (this.#stopped) throw CallError.closed("local media");
  }
}
