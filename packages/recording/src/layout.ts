// The composition as an ffmpeg filter graph: pure, so the layout and timing rules are unit-tested without ffmpeg.

export const CELL = { width: 640, height: 360 } as const;
export const FRAME_RATE = 25;

/** A converted stream placed on the shared timeline: `offsetMs` after the earliest stream's first packet. */
export type TimedInput = { index: number; kind: "audio" | "video"; offsetMs: number };

export type Grid = { columns: number; rows: number; width: number; height: number; cells: { x: number; y: number }[] };

/** A near-square grid of equal 16:9 cells, filled row by row. */
export function gridFor(tiles: number): Grid {
  if (!Number.isInteger(tiles) || tiles < 1) throw new RangeError("a grid needs at least one tile");
  const columns = Math.ceil(Math.sqrt(tiles));
  const rows = Math.ceil(tiles / columns);
  const cells = Array.from({ length: tiles }, (_, i) => ({ x: (i % columns) * CELL.width, y: Math.floor(i / columns) * CELL.height }));
  return { columns, rows, width: columns * CELL.width, height: rows * CELL.height, cells };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * The filter graph: every video fitted into its cell (letterboxed), black until its stream starts and after it ends,
 * stacked into the grid; every audio delayed to its start and mixed at full level. Outputs [vout] and, when there is
 * audio, [aout]. Video inputs come in tile order.
 */
export function compositionFilter(inputs: TimedInput[], totalMs: number): { filter: string; grid: Grid; hasAudio: boolean } {
  const videos = inputs.filter((i) => i.kind === "video");
  const audios = inputs.filter((i) => i.kind === "audio");
  if (videos.length === 0) throw new RangeError("a composition needs at least one video");
  const grid = gridFor(videos.length);
  const parts: string[] = [];
  videos.forEach((v, n) => {
    parts.push(
      `[${v.index}:v]setpts=PTS-STARTPTS,fps=${FRAME_RATE},` +
        `scale=${CELL.width}:${CELL.height}:force_original_aspect_ratio=decrease,` +
        `pad=${CELL.width}:${CELL.height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p,` +
        `tpad=start_duration=${seconds(v.offsetMs)}:stop_mode=add:stop_duration=${seconds(totalMs)}:color=black[v${n}]`,
    );
  });
  if (videos.length === 1) parts.push(`[v0]null[vout]`);
  else {
    const layout = grid.cells.map((c) => `${c.x}_${c.y}`).join("|");
    parts.push(`${videos.map((_, n) => `[v${n}]`).join("")}xstack=inputs=${videos.length}:layout=${layout}:fill=black[vout]`);
  }
  audios.forEach((a, n) => {
    // NOTE: async resampling fills the gaps Janus leaves when a microphone is muted (no packets), keeping later audio in sync.
    parts.push(`[${a.index}:a]aresample=48000:async=1:first_pts=0,adelay=${Math.round(a.offsetMs)}:all=1[a${n}]`);
  });
  if (audios.length === 1) parts.push(`[a0]anull[aout]`);
  else if (audios.length > 1) {
    parts.push(`${audios.map((_, n) => `[a${n}]`).join("")}amix=inputs=${audios.length}:duration=longest:normalize=0[aout]`);
  }
  return { filter: parts.join(";"), grid, hasAudio: audios.length > 0 };
}
