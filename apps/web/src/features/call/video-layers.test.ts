import { describe, expect, it } from "vitest";
import { layersKey, videoLayers } from "./video-layers";

describe("video layers per tile", () => {
  it("small grids get high quality from everyone", () => {
    const layers = videoLayers({ featuredId: null, visibleIds: ["a", "b", "c"], allIds: ["a", "b", "c"], gridTiles: 4, activeSpeakerId: null });
    expect([...layers.values()]).toEqual(["high", "high", "high"]);
  });

  it("large grids get thumbnails, except the active speaker; participants a page away get nothing", () => {
    const layers = videoLayers({
      featuredId: null,
      visibleIds: ["a", "b", "c", "d", "e"],
      allIds: ["a", "b", "c", "d", "e", "f"],
      gridTiles: 6,
      activeSpeakerId: "c",
    });
    expect(Object.fromEntries(layers)).toEqual({ a: "low", b: "low", c: "high", d: "low", e: "low", f: "off" });
  });

  it("spotlight: the featured participant high, the strip low", () => {
    const layers = videoLayers({ featuredId: "b", visibleIds: ["a", "b"], allIds: ["a", "b"], gridTiles: 0, activeSpeakerId: "a" });
    expect(Object.fromEntries(layers)).toEqual({ a: "low", b: "high" });
    expect(layersKey(layers)).toBe("a=low,b=high");
  });
});
