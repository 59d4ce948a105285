import { describe, expect, it } from "vitest";
import { currentStreams, desiredStreams, diffStreams, layerFor, toProtocolStreams } from "./subscription";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const SELF = "00000000-0000-4000-8000-0000000000ff";

describe("SFU subscription bookkeeping", () => {
  it("wants every other publisher's labelled streams, never our own, disabled or unlabelled ones", () => {
    const feeds = [
      { id: SELF, streams: [{ type: "audio" as const, mid: "0", description: "microphone" }] },
      {
        id: A,
        streams: [
          { type: "audio" as const, mid: "0", description: "microphone" },
          { type: "video" as const, mid: "1", description: "camera" },
          { type: "video" as const, mid: "2", description: "screen", disabled: true },
          { type: "data" as const, mid: "3" },
          { type: "video" as const, mid: "4", description: "hologram" },
        ],
      },
    ];
    expect(desiredStreams(feeds, SELF)).toEqual([
      { feed: A, mid: "0" },
      { feed: A, mid: "1" },
    ]);
  });

  it("diffs the current subscription against the wanted one", () => {
    const current = currentStreams([
      { mid: "0", type: "audio", feed_id: A, feed_mid: "0" },
      { mid: "1", type: "video", feed_id: A, feed_mid: "1" },
      { mid: "2", type: "video", feed_id: B, feed_mid: "1", active: false },
    ]);
    expect(current).toEqual([
      { feed: A, mid: "0" },
      { feed: A, mid: "1" },
    ]);
    expect(diffStreams(current, [{ feed: A, mid: "0" }, { feed: B, mid: "1" }])).toEqual({
      subscribe: [{ feed: B, mid: "1" }],
      unsubscribe: [{ feed: A, mid: "1" }],
    });
  });

  it("maps active m-lines to participants and sources for the browser", () => {
    expect(
      toProtocolStreams([
        { mid: "0", type: "audio", feed_id: A, feed_mid: "0", feed_description: "microphone" },
        { mid: "1", type: "video", feed_id: A, feed_mid: "1", feed_description: "camera" },
        { mid: "2", type: "video", feed_id: B, feed_mid: "1", feed_description: "camera", active: false },
        { mid: "3", type: "data" },
      ]),
    ).toEqual([
      { mid: "0", participantId: A, source: "microphone" },
      { mid: "1", participantId: A, source: "camera" },
    ]);
  });

  it("picks layers: high by default, low for thumbnails or a lossy downlink, nothing off screen, screens in full", () => {
    expect(layerFor("camera", undefined, false)).toEqual({ send: true, substream: 2 });
    expect(layerFor("camera", "low", false)).toEqual({ send: true, substream: 0 });
    expect(layerFor("camera", "high", true)).toEqual({ send: true, substream: 0 });
    expect(layerFor("camera", "off", false)).toEqual({ send: false, substream: 0 });
    expect(layerFor("screen", "off", true)).toEqual({ send: true, substream: 2 });
  });
});
