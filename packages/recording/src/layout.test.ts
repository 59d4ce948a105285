import { describe, expect, it } from "vitest";
import { compositionFilter, gridFor } from "./layout";

describe("grid", () => {
  it("is near-square and filled row by row", () => {
    expect(gridFor(1)).toMatchObject({ columns: 1, rows: 1, width: 640, height: 360 });
    expect(gridFor(3)).toMatchObject({ columns: 2, rows: 2, width: 1280, height: 720 });
    expect(gridFor(4).cells).toEqual([{ x: 0, y: 0 }, { x: 640, y: 0 }, { x: 0, y: 360 }, { x: 640, y: 360 }]);
    expect(gridFor(5)).toMatchObject({ columns: 3, rows: 2, width: 1920, height: 720 });
    expect(() => gridFor(0)).toThrow(RangeError);
  });
});

describe("composition filter", () => {
  it("delays each stream to its start, stacks videos and mixes audio at full level", () => {
    const { filter, grid, hasAudio } = compositionFilter(
      [
        { index: 0, kind: "video", offsetMs: 0 },
        { index: 1, kind: "video", offsetMs: 2500 },
        { index: 2, kind: "audio", offsetMs: 120 },
        { index: 3, kind: "audio", offsetMs: 2600 },
      ],
      10_000,
    );
    expect(grid).toMatchObject({ width: 1280, height: 360 });
    expect(hasAudio).toBe(true);
    expect(filter).toContain("[1:v]setpts=PTS-STARTPTS");
    expect(filter).toContain("tpad=start_duration=2.500:stop_mode=add:stop_duration=10.000:color=black[v1]");
    expect(filter).toContain("[v0][v1]xstack=inputs=2:layout=0_0|640_0:fill=black[vout]");
    expect(filter).toContain("adelay=120:all=1[a0]");
    expect(filter).toContain("adelay=2600:all=1[a1]");
    expect(filter).toContain("[a0][a1]amix=inputs=2:duration=longest:normalize=0[aout]");
  });

  it("passes a single video or audio straight through and needs a video", () => {
    const { filter, hasAudio } = compositionFilter([{ index: 0, kind: "video", offsetMs: 0 }], 1000);
    expect(filter).toContain("[v0]null[vout]");
    expect(hasAudio).toBe(false);
    expect(compositionFilter([{ index: 0, kind: "video", offsetMs: 0 }, { index: 1, kind: "audio", offsetMs: 0 }], 1000).filter).toContain("[a0]anull[aout]");
    expect(() => compositionFilter([{ index: 0, kind: "audio", offsetMs: 0 }], 1000)).toThrow(RangeError);
  });
});
