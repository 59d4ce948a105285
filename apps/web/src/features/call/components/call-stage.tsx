"use client";
import type { VideoLayer } from "@parley/protocol";
import type { Call, CallSnapshot } from "@parley/webrtc-client";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { cn } from "@/lib/cn";
import { GRID_PAGE_SIZE, layersKey, videoLayers } from "../video-layers";
import { VideoTile, type TileModel } from "./video-tile";

/** Tiles for everyone (camera) plus one per screen share; the caller decides layout. */
export function tilesFrom(snapshot: CallSnapshot): TileModel[] {
  const tiles: TileModel[] = [];
  const self = snapshot.self;
  if (self) {
    const base = { participantId: self.id, name: self.name, isSelf: true, audioMuted: snapshot.localMedia.audioMuted, handRaised: self.handRaised, quality: null, speaking: false };
    if (snapshot.localMedia.screenTrack) tiles.push({ ...base, key: `${self.id}:screen`, source: "screen", track: snapshot.localMedia.screenTrack });
    tiles.push({ ...base, key: `${self.id}:camera`, source: "camera", track: snapshot.localMedia.videoMuted ? null : snapshot.localMedia.cameraTrack });
  }
  for (const p of snapshot.participants) {
    const base = { participantId: p.id, name: p.name, isSelf: false, audioMuted: p.audioMuted, handRaised: p.handRaised, quality: p.quality, speaking: snapshot.activeSpeakerId === p.id };
    if (p.tracks.screen) tiles.unshift({ ...base, key: `${p.id}:screen`, source: "screen", track: p.tracks.screen });
    tiles.push({ ...base, key: `${p.id}:camera`, source: "camera", track: p.videoMuted ? null : (p.tracks.camera ?? null) });
  }
  return tiles;
}

const GRID_COLUMNS = ["grid-cols-1", "grid-cols-1 sm:grid-cols-2", "grid-cols-2", "grid-cols-2 lg:grid-cols-3", "grid-cols-2 lg:grid-cols-4"];

/**
 * A phone held upright (narrower than `sm`, portrait): the tiles fill the screen instead of keeping 16:9 in its middle:
 * one column for one or two people, two beyond, rows sharing the height (video cropped to fit, as Meet does).
 */
const PHONE_PORTRAIT = "max-sm:portrait:content-stretch max-sm:portrait:auto-rows-fr";
const phonePortraitColumns = (tiles: number) => (tiles <= 2 ? "max-sm:portrait:grid-cols-1" : "max-sm:portrait:grid-cols-2");
const PHONE_PORTRAIT_TILE = "max-sm:portrait:aspect-auto";

/** Remote participants whose camera tile is among `tiles`. */
function remoteCameraIds(tiles: readonly TileModel[]): string[] {
  return tiles.filter((t) => !t.isSelf && t.source === "camera").map((t) => t.participantId);
}

/**
 * Grid for a plain call (paged beyond GRID_PAGE_SIZE tiles); spotlight (big tile + strip) when someone shares a
 * screen or a tile is pinned. Tells `onLayers` which camera quality each remote tile needs, so the SFU forwards
 * only what is on screen and at the size it is shown.
 */
export function CallStage({
  snapshot,
  onLayers,
  call,
}: {
  snapshot: CallSnapshot;
  onLayers?: (layers: Map<string, VideoLayer>) => void;
  /** Offers each remote camera tile a connection stats panel. */
  call?: Call;
}) {
  const tStage = useTranslations("stage");
  const [pinnedKey, setPinnedKey] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const tiles = tilesFrom(snapshot);
  const pinned = tiles.find((t) => t.key === pinnedKey);
  const featured = pinned ?? tiles.find((t) => t.source === "screen");
  const togglePin = (key: string) => setPinnedKey((current) => (current === key ? null : key));
  const pages = Math.max(1, Math.ceil(tiles.length / GRID_PAGE_SIZE));
  const currentPage = Math.min(page, pages - 1);
  const pageTiles = featured ? [] : tiles.slice(currentPage * GRID_PAGE_SIZE, (currentPage + 1) * GRID_PAGE_SIZE);
  const others = featured ? tiles.filter((t) => t.key !== featured.key) : [];

  const layers = videoLayers({
    featuredId: featured ? featured.participantId : null,
    visibleIds: featured ? remoteCameraIds([featured, ...others]) : remoteCameraIds(pageTiles),
    allIds: snapshot.participants.map((p) => p.id),
    gridTiles: pageTiles.length,
    activeSpeakerId: snapshot.activeSpeakerId,
  });
  // NOTE: keyed by content: a new Map every render must not re-send the same wishes.
  const key = layersKey(layers);
  const [sent, setSent] = useState<string | null>(null);
  useEffect(() => {
    if (key === sent || !onLayers) return;
    setSent(key);
    onLayers(layers);
  }, [key, sent, onLayers, layers]);

  const sfu = snapshot.room?.topology === "sfu";
  const statsFor = (tile: TileModel) =>
    call && !tile.isSelf && tile.source === "camera" ? { call, ...(sfu ? { layer: layers.get(tile.participantId) ?? "off" } : {}) } : undefined;

  if (!featured) {
    const columns = GRID_COLUMNS[Math.min(Math.ceil(Math.sqrt(pageTiles.length)) + (pageTiles.length > 2 ? 1 : 0), GRID_COLUMNS.length - 1)];
    return (
      <div className="relative h-full">
        <div className={cn("grid h-full content-center gap-2 p-2 sm:gap-3 sm:p-4", columns, PHONE_PORTRAIT, phonePortraitColumns(pageTiles.length))} data-testid="call-grid">
          {pageTiles.map((tile) => (
            <VideoTile key={tile.key} tile={tile} pinned={false} onTogglePin={() => togglePin(tile.key)} className={PHONE_PORTRAIT_TILE} stats={statsFor(tile)} />
          ))}
        </div>
        {pages > 1 && (
          <nav aria-label={tStage("pages")} className="absolute inset-x-0 bottom-2 flex items-center justify-center gap-2 text-sm">
            <button
              type="button"
              aria-label={tStage("previous")}
              disabled={currentPage === 0}
              onClick={() => setPage(currentPage - 1)}
              className="rounded-full bg-slate-800/80 p-1.5 hover:bg-slate-700 disabled:opacity-40"
            >
              <ChevronLeft aria-hidden className="size-4" />
            </button>
            <span data-testid="grid-page">
              {currentPage + 1} / {pages}
            </span>
            <button
              type="button"
              aria-label={tStage("next")}
              disabled={currentPage === pages - 1}
              onClick={() => setPage(currentPage + 1)}
              className="rounded-full bg-slate-800/80 p-1.5 hover:bg-slate-700 disabled:opacity-40"
            >
              <ChevronRight aria-hidden className="size-4" />
            </button>
          </nav>
        )}
      </div>
    );
  }
  return (
    <div className="flex h-full flex-col gap-2 p-2 sm:gap-3 sm:p-4 lg:flex-row">
      <div className="flex min-h-0 flex-1 items-center justify-center">
        <VideoTile tile={featured} pinned={featured.key === pinnedKey} onTogglePin={() => togglePin(featured.key)} className="max-h-full w-full" stats={statsFor(featured)} />
      </div>
      <div className="flex shrink-0 gap-2 overflow-auto lg:w-56 lg:flex-col">
        {others.map((tile) => (
          <VideoTile key={tile.key} tile={tile} pinned={false} onTogglePin={() => togglePin(tile.key)} className="w-40 shrink-0 lg:w-full" stats={statsFor(tile)} />
        ))}
      </div>
    </div>
  );
}
