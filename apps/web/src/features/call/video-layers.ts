import type { VideoLayer } from "@parley/protocol";

/** How many tiles one grid page shows; the rest are a page away (their cameras are not received at all). */
export const GRID_PAGE_SIZE = 9;
/** Up to this many tiles in the grid are big enough for the high layer. */
const HIGH_QUALITY_GRID_MAX = 4;

export interface StageLayout {
  /** The big tile's participant (pinned or spotlighted), if the stage is in spotlight mode. */
  readonly featuredId: string | null;
  /** Remote participants whose camera tile is on screen (grid page or spotlight strip). */
  readonly visibleIds: readonly string[];
  /** Every remote participant. */
  readonly allIds: readonly string[];
  /** Size of the grid page (ignored in spotlight mode). */
  readonly gridTiles: number;
  readonly activeSpeakerId: string | null;
}

/**
 * The camera quality to receive per remote participant: high for the big tile, the active speaker and small grids;
 * low for thumbnails; off for anyone not on screen. The SFU forwards the matching simulcast layer (or nothing).
 */
export function videoLayers(layout: StageLayout): Map<string, VideoLayer> {
  const visible = new Set(layout.visibleIds);
  const layers = new Map<string, VideoLayer>();
  for (const id of layout.allIds) {
    if (!visible.has(id)) layers.set(id, "off");
    else if (layout.featuredId !== null) layers.set(id, id === layout.featuredId ? "high" : "low");
    else layers.set(id, layout.gridTiles <= HIGH_QUALITY_GRID_MAX || id === layout.activeSpeakerId ? "high" : "low");
  }
  return layers;
}

/** A stable string for comparing two layer maps (effects re-send only on change). */
export function layersKey(layers: ReadonlyMap<string, VideoLayer>): string {
  return [...layers].map(([id, layer]) => `${id}=${layer}`).sort().join(",");
}
