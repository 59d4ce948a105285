import { describe, expect, it } from "vitest";
import { classifyQuality } from "./quality";

describe("classifyQuality", () => {
  it.each([
    [{ packetLossPercent: 0, rttMs: 20 }, "good"],
    [{ packetLossPercent: 2.9, rttMs: 299 }, "good"],
    [{ packetLossPercent: 3, rttMs: 20 }, "fair"],
    [{ packetLossPercent: 0, rttMs: 350 }, "fair"],
    [{ packetLossPercent: 12, rttMs: 20 }, "poor"],
    [{ packetLossPercent: 0, rttMs: 800 }, "poor"],
    [{ packetLossPercent: null, rttMs: 40 }, "good"],
    [{ packetLossPercent: null, rttMs: null }, "unknown"],
    [{ packetLossPercent: 0, rttMs: 20, expectsVideo: true, inboundKbps: 5 }, "fair"],
    [{ packetLossPercent: 0, rttMs: 20, expectsVideo: false, inboundKbps: 5 }, "good"],
    [{ packetLossPercent: 0, rttMs: 20, connectionState: "disconnected" }, "poor"],
    [{ packetLossPercent: 0, rttMs: 20, connectionState: "connecting" }, "unknown"],
  ] as const)("%o → %s", (inputs, expected) => {
    expect(classifyQuality(inputs)).toBe(expected);
  });
});
