import type { Participant } from "@parley/protocol";
import { CallError } from "../errors";
import type { LocalMedia, LocalMediaState } from "../media/local-media";
import type { TrackSource } from "@parley/protocol";
import type { SignalChannel } from "../signal/signal-channel";
import type { MediaTransport } from "../topology/media-transport";
import type { ParticipantsContext } from "./participants";

type MediaFlags = { readonly audioMuted: boolean; readonly videoMuted: boolean; readonly screenSharing: boolean };

/** What `MediaSync` needs from its Call. */
export interface MediaSyncContext {
  readonly signal: SignalChannel;
  readonly localMedia: LocalMedia;
  /** The current media transport; null before joining and while an identity is being rebuilt. */
  readonly transport: () => MediaTransport | null;
  /** Whether the server should hear about local changes now (in the call, not waiting or reconnecting). */
  readonly connected: () => boolean;
  readonly applySelf: (self: Participant) => void;
  readonly emit: ParticipantsContext["emit"];
  /** Something in the snapshot changed. */
  readonly changed: () => void;
}

/**
 * Keeps what the others receive and see in line with `LocalMedia`: tracks go to the transport,
 * mute / camera / screen-share flags go to the server (`media:update`), at most once per real change,
 * and a host's mute is applied locally.
 */
export class MediaSync {
  readonly #ctx: MediaSyncContext;
  /** What the server last heard from us; null until joined. */
  #sent: MediaFlags | null = null;

  constructor(context: MediaSyncContext) {
    this.#ctx = context;
  }

  /** Follow local media and the host's mutes; returns the unsubscribe functions. */
  listen(): (() => void)[] {
    const { localMedia, signal } = this.#ctx;
    return [
      localMedia.on("trackChanged", (source, track) => this.#sendTrack(source, track)),
      localMedia.on("stateChanged", (state) => this.refresh(state)),
      signal.on("media:muted", ({ by, kind }) => {
        if (kind === "audio") localMedia.setAudioMuted(true);
        else void localMedia.setVideoMuted(true).catch(() => undefined);
        this.#ctx.emit("mutedByHost", by, kind);
      }),
    ];
  }

  /** After a (re)join: the server's view of us is what it just returned. */
  joined(self: Participant): void {
    this.#sent = flags(self);
  }

  /** Local media changed (or may have while we were away): tell listeners, and the server if it matters. */
  refresh(state: LocalMediaState = this.#ctx.localMedia.state): void {
    this.#ctx.emit("localMediaChanged", state);
    this.#ctx.changed();
    this.#announce(state);
  }

  /** A local track changed (device switch, camera off, screen share): send it on every connection. */
  #sendTrack(source: TrackSource, track: MediaStreamTrack | null): void {
    this.#ctx.transport()?.setLocalTrack(source, track).catch((error: unknown) => this.#ctx.emit("error", CallError.wrap(error)));
  }

  /** Tell the server when the flags differ from what it last heard. */
  #announce(state: LocalMediaState): void {
    const sent = this.#sent;
    if (!sent || !this.#ctx.connected()) return;
    const next = flags(state);
    if (next.audioMuted === sent.audioMuted && next.videoMuted === sent.videoMuted && next.screenSharing === sent.screenSharing) return;
    this.#sent = next;
    this.#ctx.signal
      .request("media:update", next)
      .then((self) => this.#ctx.applySelf(self))
      .catch((error: unknown) => {
        this.#sent = sent; // retried on the next change or re-join
        if (!(error instanceof CallError && error.code === "signal_disconnected")) this.#ctx.emit("error", CallError.wrap(error, "server_error"));
      });
  }
}

function flags(from: MediaFlags): MediaFlags {
  return { audioMuted: from.audioMuted, videoMuted: from.videoMuted, screenSharing: from.screenSharing };
}
