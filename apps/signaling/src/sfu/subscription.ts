import { trackSourceSchema, type SfuStream, type TrackSource, type VideoLayer } from "@parley/protocol";
import type { Feed, StreamRef, SubscribedStream, Substream } from "@parley/janus";

// Pure bookkeeping of one participant's SFU subscription: which streams it should receive, what to add and remove,
// how its m-lines map to participants and sources, and which simulcast layer each camera should get.

/** Every stream of every other publisher that carries one of our sources. */
export function desiredStreams(feeds: Iterable<Feed>, selfId: string): StreamRef[] {
  const wanted: StreamRef[] = [];
  for (const feed of feeds) {
    if (feed.id === selfId) continue;
    for (const stream of feed.streams) {
      if (stream.disabled || stream.type === "data" || !isSource(stream.description)) continue;
      wanted.push({ feed: feed.id, mid: stream.mid });
    }
  }
  return wanted;
}

/** Streams the subscription carries now (feed + the publisher's mid). */
export function currentStreams(streams: readonly SubscribedStream[]): StreamRef[] {
  return streams
    .filter((s) => s.active !== false && s.feed_id !== undefined && s.feed_mid !== undefined)
    .map((s) => ({ feed: s.feed_id as string, mid: s.feed_mid as string }));
}

/** What to subscribe to and unsubscribe from to get from `current` to `desired`. */
export function diffStreams(current: readonly StreamRef[], desired: readonly StreamRef[]): { subscribe: StreamRef[]; unsubscribe: StreamRef[] } {
  const key = (s: StreamRef) => `${s.feed} ${s.mid ?? ""}`;
  const have = new Set(current.map(key));
  const want = new Set(desired.map(key));
  return {
    subscribe: desired.filter((s) => !have.has(key(s))),
    unsubscribe: current.filter((s) => !want.has(key(s))),
  };
}

/** The protocol's view of the subscription's m-lines: whose media, which source. */
export function toProtocolStreams(streams: readonly SubscribedStream[]): SfuStream[] {
  const result: SfuStream[] = [];
  for (const s of streams) {
    if (s.active === false || !s.feed_id || !isSource(s.feed_description)) continue;
    result.push({ mid: s.mid, participantId: s.feed_id, source: s.feed_description });
  }
  return result;
}

/** What Janus should do with one received camera: relay it or not, and which simulcast layer. */
export interface LayerDecision {
  send: boolean;
  substream: Substream;
}

/**
 * The decision for a camera given the viewer's preference; `degraded` (the viewer's downlink is losing packets) caps
 * everyone at the lowest layer for a while. Screen shares are always sent in full: text must stay readable.
 */
export function layerFor(source: TrackSource, preference: VideoLayer | undefined, degraded: boolean): LayerDecision {
  if (source !== "camera") return { send: true, substream: 2 };
  if (preference === "off") return { send: false, substream: 0 };
  if (degraded || preference === "low") return { send: true, substream: 0 };
  return { send: true, substream: 2 };
}

function isSource(value: string | undefined): value is TrackSource {
  return trackSourceSchema.safeParse(value).success;
}
