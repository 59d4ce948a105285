import { describe, expect, it } from "vitest";
import { ffmpegProgressParser, type FfmpegProgress } from "./ffmpeg-progress";

describe("ffmpeg -progress parser", () => {
  it("reports each block, across chunk boundaries, skipping blocks before the first frame", () => {
    const seen: FfmpegProgress[] = [];
    const feed = ffmpegProgressParser((p) => seen.push(p));
    feed("frame=0\nout_time_us=N/A\nspeed=N/A\nprogress=continue\nframe=25\nout_ti");
    feed("me_us=1000000\nspeed=2.5x\nprogress=continue\n");
    feed("out_time_us=4480000\nspeed=3x\nprogress=end\n");
    expect(seen).toEqual([
      { outTimeMs: 1000, speed: 2.5, done: false },
      { outTimeMs: 4480, speed: 3, done: true },
    ]);
  });

  it("ignores junk lines", () => {
    const seen: FfmpegProgress[] = [];
    const feed = ffmpegProgressParser((p) => seen.push(p));
    feed("garbage\n=1\nout_time_us=-5\nprogress=continue\n");
    expect(seen).toEqual([]);
  });
});
