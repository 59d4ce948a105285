import { EMPTY_QUALITY_TOTALS, mergeQualityTotals, qualityTotalsSchema, summarizeQuality, type QualitySummary } from "@parley/db/quality";

/** One stored presence (a participant row). */
export type Presence = {
  userId: string | null;
  guestId: string | null;
  displayName: string;
  role: "HOST" | "GUEST";
  joinedAt: Date;
  leftAt: Date | null;
  /** Call-quality totals the signaling service kept for this presence (JSON; null before any report). */
  quality?: unknown;
};

/** One person's attendance over an occurrence: every presence of theirs merged. */
export type Attendee = {
  key: string;
  name: string;
  role: "HOST" | "GUEST";
  firstJoinedAt: Date;
  /** Null while one of their presences has no leave time (still in the call, or the server lost track). */
  lastLeftAt: Date | null;
  /** Time present, overlapping presences (two tabs) counted once; open presences count until `now`. */
  totalMs: number;
  presences: number;
  /** Call quality over all their presences; null when none was reported. */
  quality: QualitySummary | null;
};

/**
 * The attendance table: one row per person (signed-in users by account, guests by their guest id, shown by display
 * name), in order of first arrival.
 */
export function summarizeAttendance(presences: Presence[], now: Date): Attendee[] {
  const byPerson = new Map<string, Presence[]>();
  for (const p of presences) {
    const key = p.userId ? `user:${p.userId}` : `guest:${p.guestId ?? p.displayName}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), p]);
  }
  const rows: Attendee[] = [];
  for (const [key, list] of byPerson) {
    const sorted = [...list].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
    const open = sorted.some((p) => !p.leftAt);
    const latest = sorted.at(-1)!;
    rows.push({
      key,
      name: latest.displayName,
      role: sorted.some((p) => p.role === "HOST") ? "HOST" : "GUEST",
      firstJoinedAt: sorted[0]!.joinedAt,
      lastLeftAt: open ? null : new Date(Math.max(...sorted.map((p) => p.leftAt!.getTime()))),
      totalMs: mergedDuration(sorted, now),
      presences: sorted.length,
      quality: mergedQuality(sorted),
    });
  }
  return rows.sort((a, b) => a.firstJoinedAt.getTime() - b.firstJoinedAt.getTime());
}

function mergedQuality(presences: Presence[]): QualitySummary | null {
  let totals = EMPTY_QUALITY_TOTALS;
  for (const p of presences) {
    const parsed = qualityTotalsSchema.safeParse(p.quality);
    if (parsed.success) totals = mergeQualityTotals(totals, parsed.data);
  }
  return summarizeQuality(totals);
}

function mergedDuration(sortedByJoin: Presence[], now: Date): number {
  let total = 0;
  let spanStart = -Infinity;
  let spanEnd = -Infinity;
  for (const p of sortedByJoin) {
    const start = p.joinedAt.getTime();
    const end = Math.max(start, (p.leftAt ?? now).getTime());
    if (start > spanEnd) {
      if (spanEnd > spanStart) total += spanEnd - spanStart;
      spanStart = start;
      spanEnd = end;
    } else spanEnd = Math.max(spanEnd, end);
  }
  if (spanEnd > spanStart) total += spanEnd - spanStart;
  return total;
}

/** "45 s" under a minute, else whole minutes ("12 min"), so a short visit does not read as "0 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}
