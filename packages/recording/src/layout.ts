// The composition as an ffmpeg filter graph: pure, so the layout and timing rules are unit-tested without ffmpeg.

export const CELL = { width: 640, height: 360 } as const;
export const FRAME_RATE = 25;

/**
 * A converted stream placed on the shared timeline: `offsetMs` after the earliest stream's first packet. A video names
 * the grid tile it is shown in: one person's successive parts of the same source (a republish, a Janus restart or
 * failover) share a tile, each shown from its own start.
 */
export type TimedInput = { index: number; kind: "audio"; offsetMs: number } | { index: number; kind: "video"; offsetMs: number; tile: number };

/** A video stream as the tiles see it: whose it is, which source, when it starts. */
export type TileVideo = { offsetMs: number; track: { participant: string; source: "camera" | "screen" } };

/**
 * One tile per person and source, its parts in time order (several when the person's media came back through a new
 * publisher session); cameras in order of arrival (a person's first part), then screen shares.
 */
export function tilesFor<V extends TileVideo>(videos: V[]): { participant: string; source: "camera" | "screen"; parts: V[] }[] {
  const byPersonAndSource = new Map<string, { participant: string; source: "camera" | "screen"; parts: V[] }>();
  for (const v of [...videos].sort((a, b) => a.offsetMs - b.offsetMs)) {
    const id = `${v.track.participant}/${v.track.source}`;
    const tile = byPersonAndSource.get(id) ?? { participant: v.track.participant, source: v.track.source, parts: [] };
    tile.parts.push(v);
    byPersonAndSource.set(id, tile);
  }
  return [...byPersonAndSource.values()].sort(
    (a, b) => Number(a.source === "screen") - Number(b.source === "screen") || a.parts[0]!.offsetMs - b.parts[0]!.offsetMs,
  );
}

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
 * The filter graph: every video fitted into its cell (letterboxed), black until its stream starts and after it ends;
 * a tile with several parts shows each later part over the earlier ones from the part's own start (black in a gap
 * between parts); the tiles stacked into the grid; every audio delayed to its start and mixed at full level. Outputs
 * [vout] and, when there is audio, [aout]. Tiles are numbered 0..n-1 in grid order.
 */
export function compositionFilter(inputs: TimedInput[], totalMs: number): { filter: string; grid: Grid; hasAudio: boolean } {
  const videos = inputs.filter((i) => i.kind === "video");
  const audios = inputs.filter((i) => i.kind === "audio");
  if (videos.length === 0) throw new RangeError("a composition needs at least one video");
  const tileCount = Math.max(...videos.map((v) => v.tile)) + 1;
  const tiles = Array.from({ length: tileCount }, (_, t) => videos.filter((v) => v.tile === t).sort((a, b) => a.offsetMs - b.offsetMs));
  if (tiles.some((parts) => parts.length === 0)) throw new RangeError("tiles must be numbered 0..n-1 without gaps");
  const grid = gridFor(tileCount);
  const parts: string[] = [];
  const fitted = (v: TimedInput, label: string) =>
    `[${v.index}:v]setpts=PTS-STARTPTS,fps=${FRAME_RATE},` +
    `scale=${CELL.width}:${CELL.height}:force_original_aspect_ratio=decrease,` +
    `pad=${CELL.width}:${CELL.height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p,` +
    `tpad=start_duration=${seconds(v.offsetMs)}:stop_mode=add:stop_duration=${seconds(totalMs)}:color=black[${label}]`;
  tiles.forEach((tileParts, t) => {
    if (tileParts.length === 1) return void parts.push(fitted(tileParts[0]!, `v${t}`));
    tileParts.forEach((v, k) => parts.push(fitted(v, `v${t}p${k}`)));
    // NOTE: each part is already black outside its own span, so overlaying from the part's start shows the earlier
    // part until then, and black in a gap (the earlier part has ended, the later one not begun).
    let below = `v${t}p0`;
    tileParts.slice(1).forEach((v, n) => {
      const out = n === tileParts.length - 2 ? `v${t}` : `v${t}o${n + 1}`;
      parts.push(`[${below}][v${t}p${n + 1}]overlay=0:0:enable='gte(t,${seconds(v.offsetMs)})':eof_action=pass[${out}]`);
      below = out;
    });
  });
  if (tileCount === 1) parts.push(`[v0]null[vout]`);
  else {
    const layout = grid.cells.map((c) => `${c.x}_${c.y}`).join("|");
    parts.push(`${tiles.map((_, t) => `[v${t}]`).join("")}xstack=inputs=${tileCount}:layout=${layout}:fill=black[vout]`);
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
