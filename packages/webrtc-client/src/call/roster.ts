import type { Participant } from "@parley/protocol";
import type { TrackSource } from "@parley/protocol";
import type { ConnectionQuality } from "../stats/quality";
import type { PeerConnectionState } from "../topology/media-transport";
import type { RemoteParticipant, RemoteTrack } from "./call-types";

interface Entry {
  info: Participant;
  tracks: Map<string, RemoteTrack>; // by track id
  quality: ConnectionQuality;
  connectionState: PeerConnectionState;
  view: RemoteParticipant | null;
}

/**
 * The remote participants with their tracks, quality and connection state. Hands out immutable
 * `RemoteParticipant` views that are replaced (never mutated) when something changes.
 * Mutators return the new view, or null when nothing changed.
 */
export class Roster {
  readonly #entries = new Map<string, Entry>();

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  get(id: string): RemoteParticipant | undefined {
    const entry = this.#entries.get(id);
    return entry ? view(entry) : undefined;
  }

  views(): RemoteParticipant[] {
    return [...this.#entries.values()].map(view);
  }

  add(info: Participant): RemoteParticipant {
    const entry: Entry = { info, tracks: new Map(), quality: "unknown", connectionState: "new", view: null };
    this.#entries.set(info.id, entry);
    return view(entry);
  }

  update(info: Participant): RemoteParticipant | null {
    return this.#change(info.id, (e) => {
      e.info = info;
      return true;
    });
  }

  remove(id: string): RemoteParticipant | null {
    const entry = this.#entries.get(id);
    if (!entry) return null;
    this.#entries.delete(id);
    return view(entry);
  }

  setTrack(track: RemoteTrack, present: boolean): RemoteParticipant | null {
    return this.#change(track.participantId, (e) => {
      if (present) e.tracks.set(track.id, track);
      else return e.tracks.delete(track.id);
      return true;
    });
  }

  setQuality(id: string, quality: ConnectionQuality): RemoteParticipant | null {
    return this.#change(id, (e) => {
      if (e.quality === quality) return false;
      e.quality = quality;
      return true;
    });
  }

  setConnectionState(id: string, state: PeerConnectionState): RemoteParticipant | null {
    return this.#change(id, (e) => {
      if (e.connectionState === state) return false;
      e.connectionState = state;
      return true;
    });
  }

  /** Tracks per participant (for matching stats to sources). */
  tracks(): Map<string, RemoteTrack[]> {
    return new Map([...this.#entries].map(([id, e]) => [id, [...e.tracks.values()]]));
  }

  #change(id: string, mutate: (entry: Entry) => boolean): RemoteParticipant | null {
    const entry = this.#entries.get(id);
    if (!entry || !mutate(entry)) return null;
    entry.view = null;
    return view(entry);
  }
}

function view(entry: Entry): RemoteParticipant {
  if (!entry.view) {
    const tracks: Partial<Record<TrackSource, MediaStreamTrack>> = {};
    for (const t of entry.tracks.values()) tracks[t.source] = t.track;
    entry.view = { ...entry.info, tracks, quality: entry.quality, connectionState: entry.connectionState };
  }
  return entry.view;
}
