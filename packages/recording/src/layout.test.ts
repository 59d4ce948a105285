import { describe, expect, it } from "vitest";
import { compositionFilter, gridFor, tilesFor } from "./layout";

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
        { index: 0, kind: "video", offsetMs: 0, tile: 0 },
        { index: 1, kind: "video", offsetMs: 2500, tile: 1 },
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
    const { filter, hasAudio } = compositionFilter([{ index: 0, kind: "video", offsetMs: 0, tile: 0 }], 1000);
    expect(filter).toContain("[v0]null[vout]");
    expect(hasAudio).toBe(false);
    expect(compositionFilter([{ index: 0, kind: "video", offsetMs: 0, tile: 0 }, { index: 1, kind: "audio", offsetMs: 0 }], 1000).filter).toContain("[a0]anull[aout]");
    expect(() => compositionFilter([{ index: 0, kind: "audio", offsetMs: 0 }], 1000)).toThrow(RangeError);
  });
});

describe("a person recorded in parts (a republish, a Janus restart or failover)", () => {
  const video = (participant: string, source: "camera" | "screen", offsetMs: number) => ({ offsetMs, track: { participant, source }, name: `${participant}@${offsetMs}` });

  it("gets one tile per person and source, parts in time order; cameras by first arrival, then screens", () => {
    const tiles = tilesFor([
      video("bert", "camera", 9_000),
      video("ada", "screen", 1_000),
      video("ada", "camera", 0),
      video("bert", "camera", 500),
      video("ada", "camera", 6_000),
    ]);
    expect(tiles.map((t) => [t.participant, t.source, t.parts.map((p) => p.offsetMs)])).toEqual([
      ["ada", "camera", [0, 6_000]],
      ["bert", "camera", [500, 9_000]],
      ["ada", "screen", [1_000]],
    ]);
  });

  it("shows each later part over the earlier one from its own start, in one cell of a grid sized by tiles, not parts", () => {
    const { filter, grid } = compositionFilter(
      [
        { index: 0, kind: "video", offsetMs: 0, tile: 0 },
        { index: 1, kind: "video", offsetMs: 6_000, tile: 0 },
        { index: 2, kind: "video", offsetMs: 9_500, tile: 0 },
        { index: 3, kind: "video", offsetMs: 300, tile: 1 },
        { index: 4, kind: "audio", offsetMs: 10 },
        { index: 5, kind: "audio", offsetMs: 6_020 },
      ],
      14_000,
    );
    expect(grid).toMatchObject({ columns: 2, rows: 1, width: 1280, height: 360 });
    // Every part black outside its own span (so a gap between parts is black), placed at its own offset.
    expect(filter).toContain("tpad=start_duration=0.000:stop_mode=add:stop_duration=14.000:color=black[v0p0]");
    expect(filter).toContain("tpad=start_duration=6.000:stop_mode=add:stop_duration=14.000:color=black[v0p1]");
    expect(filter).toContain("tpad=start_duration=9.500:stop_mode=add:stop_duration=14.000:color=black[v0p2]");
    expect(filter).toContain("[v0p0][v0p1]overlay=0:0:enable='gte(t,6.000)':eof_action=pass[v0o1]");
    expect(filter).toContain("[v0o1][v0p2]overlay=0:0:enable='gte(t,9.500)':eof_action=pass[v0]");
    expect(filter).toContain("tpad=start_duration=0.300:stop_mode=add:stop_duration=14.000:color=black[v1]");
    expect(filter).toContain("[v0][v1]xstack=inputs=2:layout=0_0|640_0:fill=black[vout]");
    // Each audio part still delayed to its own start and mixed.
    expect(filter).toContain("adelay=10:all=1[a0]");
    expect(filter).toContain("adelay=6020:all=1[a1]");
    expect(filter).toContain("[a0][a1]amix=inputs=2");
  });

  it("refuses tiles that are not numbered 0..n-1", () => {
    expect(() => compositionFilter([{ index: 0, kind: "video", offsetMs: 0, tile: 1 }], 1000)).toThrow(RangeError);
  });
});
