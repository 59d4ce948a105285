import { findMember, settled, type MemberState } from "../rooms/room-state";
import type { DueGrace } from "../rooms/room-store";
import type { ServerContext } from "./context";
import { announceLeft, withoutMember } from "./membership";

/**
 * Removes members whose reconnect grace ran out. Deadlines live in the room store, not in timers, so any node can
 * expire them: also those of a node that shut down (its clients were told to come back elsewhere) or died.
 * Nodes may race for the same member; the atomic room update lets exactly one of them announce the leave.
 */
export function startGraceSweeper(ctx: ServerContext, intervalMs: number): { stop(): Promise<void> } {
  let timer: unknown = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = sweep(ctx)
      .catch((error: unknown) => ctx.logger.error({ err: error }, "grace sweep failed"))
      .finally(() => {
        if (!stopped) timer = ctx.clock.setTimeout(tick, intervalMs);
      });
  };
  timer = ctx.clock.setTimeout(tick, intervalMs);

  return {
    async stop() {
      stopped = true;
      if (timer !== null) ctx.clock.clearTimeout(timer);
      await running;
    },
  };
}

async function sweep(ctx: ServerContext): Promise<void> {
  const now = ctx.clock.now().getTime();
  for (const due of await ctx.rooms.dueGraces(now)) await expire(ctx, due, now);
}

async function expire(ctx: ServerContext, { meetingId, participantId }: DueGrace, now: number): Promise<void> {
  const outcome = await ctx.rooms.update<MemberState | "gone" | "kept">(meetingId, (room) => {
    const member = findMember(room, participantId);
    if (!room || !member) return { room, result: "gone" as const, unchanged: true };
    // Back in time, or dropped again with a later deadline: not ours to remove.
    if (member.socketId !== null || member.graceUntil === null || member.graceUntil > now) {
      return { room, result: "kept" as const, unchanged: true };
    }
    return { room: settled(withoutMember(room, participantId)), result: member };
  });
  if (outcome === "gone") return ctx.rooms.forgetGrace({ meetingId, participantId });
  if (outcome === "kept") return;
  ctx.logger.info({ meetingId, participantId }, "reconnect grace expired");
  announceLeft(ctx, meetingId, outcome, "disconnected");
}
