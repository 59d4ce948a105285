import { describe, expect, it } from "vitest";
import { DEFAULT_VIDEO } from "./constraints";
import { isVideoQuality, VIDEO_QUALITIES, videoQualityConstraints } from "./video-quality";

describe("videoQualityConstraints", () => {
  it("keeps the app's own capture for auto", () => {
    expect(videoQualityConstraints("auto", DEFAULT_VIDEO)).toBe(DEFAULT_VIDEO);
  });

  it("caps the lower qualities so the browser scales the camera down", () => {
    expect(videoQualityConstraints("360p", DEFAULT_VIDEO)).toMatchObject({ width: { max: 640 }, height: { max: 360 } });
    expect(videoQualityConstraints("180p", DEFAULT_VIDEO)).toMatchObject({ width: { max: 320 }, height: { max: 180 }, frameRate: { max: 15 } });
  });

  it("asks for 720p without requiring it (a smaller camera still works)", () => {
    const hd = videoQualityConstraints("720p", DEFAULT_VIDEO);
    expect(hd).toMatchObject({ width: { ideal: 1280 }, height: { ideal: 720 } });
    expect(JSON.stringify(hd)).not.toContain("max");
  });

  it("orders the qualities from the app's choice down", () => {
    const heights = VIDEO_QUALITIES.filter((q) => q !== "auto").map((q) => (videoQualityConstraints(q, DEFAULT_VIDEO).height as ConstrainULongRange).ideal);
    expect(heights).toEqual([720, 360, 180]);
  });

  it("recognises only the known qualities", () => {
    expect(isVideoQuality("360p")).toBe(true);
    expect(isVideoQuality("4k")).toBe(false);
    expect(isVideoQuality(360)).toBe(false);
  });
});
