"use client";
import type { CallSnapshot } from "@parley/webrtc-client";
import { useState } from "react";
import { cn } from "@/lib/cn";
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

/** Grid for a plain call; spotlight (big tile + strip) when someone shares a screen or a tile is pinned. */
export function CallStage({ snapshot }: { snapshot: CallSnapshot }) {
  const [pinnedKey, setPinnedKey] = useState<string | null>(null);
  const tiles = tilesFrom(snapshot);
  const pinned = tiles.find((t) => t.key === pinnedKey);
  const featured = pinned ?? tiles.find((t) => t.source === "screen");
  const togglePin = (key: string) => setPinnedKey((current) => (current === key ? null : key));

  if (!featured) {
    const columns = GRID_COLUMNS[Math.min(Math.ceil(Math.sqrt(tiles.length)) + (tiles.length > 2 ? 1 : 0), GRID_COLUMNS.length - 1)];
    return (
      <div className={cn("grid h-full content-center gap-2 p-2 sm:gap-3 sm:p-4", columns)} data-testid="call-grid">
        {tiles.map((tile) => (
          <VideoTile key={tile.key} tile={tile} pinned={false} onTogglePin={() => togglePin(tile.key)} />
        ))}
      </div>
    );
  }
  const others = tiles.filter((t) => t.key !== featured.key);
  return (
    <div className="flex h-full flex-col gap-2 p-2 sm:gap-3 sm:p-4 lg:flex-row">
      <div className="flex min-h-0 flex-1 items-center justify-center">
        <VideoTile tile={featured} pinned={featured.key === pinnedKey} onTogglePin={() => togglePin(featured.key)} className="max-h-full w-full" />
      </div>
      <div className="flex shrink-0 gap-2 overflow-auto lg:w-56 lg:flex-col">
        {others.map((tile) => (
          <VideoTile key={tile.key} tile={tile} pinned={false} onTogglePin={() => togglePin(tile.key)} className="w-40 shrink-0 lg:w-full" />
        ))}
      </div>
    </div>
  );
}
