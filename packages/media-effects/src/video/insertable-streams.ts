/**
 * Chromium's insertable streams for raw media (MediaStreamTrackProcessor/Generator), not in TypeScript's DOM library;
 * reached through globalThis so that importers of this package need no ambient declarations.
 */
export interface VideoTrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<VideoFrame>;
}

type InsertableStreams = {
  MediaStreamTrackProcessor?: new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readonly readable: ReadableStream<VideoFrame> };
  MediaStreamTrackGenerator?: new (init: { kind: "video" }) => VideoTrackGenerator;
};

/** The frames of a video track as a stream (transferable to a worker). */
export function videoFrames(track: MediaStreamTrack): ReadableStream<VideoFrame> {
  const Processor = (globalThis as InsertableStreams).MediaStreamTrackProcessor;
  if (!Processor) throw new TypeError("MediaStreamTrackProcessor is not available");
  return new Processor({ track }).readable;
}

/** A video track whose frames are written to `writable`. */
export function videoTrackGenerator(): VideoTrackGenerator {
  const Generator = (globalThis as InsertableStreams).MediaStreamTrackGenerator;
  if (!Generator) throw new TypeError("MediaStreamTrackGenerator is not available");
  return new Generator({ kind: "video" });
}
