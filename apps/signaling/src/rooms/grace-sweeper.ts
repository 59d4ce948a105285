import { findMember, roomStateOf, settled, type MemberState, type RoomData } from "./room-state";
import { finishRecordingSoon, lobbySockets, stopperOf, takeRecordingWithoutHost, type RunningRecording } from "./recording";
import type { DueGrace } from "./room-store";
import type { ServerContext } from "../context";
import { announceLeft, broadcastLobby, withoutMember } from "./membership";

/**
 * How long a node counts as alive after its last heartbeat. Nodes beat on every sweep (≤ 1 s apart); a node that
 * stops (crashed, SIGKILL, frozen) has its members treated as dropped after this, then their grace period runs.
 */
export const NODE_TTL_MS = 5_000;

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
  if (!(await ctx.rooms.heartbeat(ctx.nodeId, now + NODE_TTL_MS))) {
    // The others took us for dead (a pause longer than NODE_TTL_MS) and gave our members' places a grace period:
    // our sockets must come back through a resume, or every request of theirs would be refused as not in the room.
    ctx.logger.warn({ node: ctx.nodeId }, "this node was taken for dead: asking its clients to reconnect");
    ctx.io.local.disconnectSockets(true);
  }
  for (const node of await ctx.rooms.deadNodes(now)) {
    // Ourselves: the event loop stalled past our own heartbeat; we are alive and beat again above.
    if (node !== ctx.nodeId) await dropMembersOf(ctx, node, now);
  }
  for (const due of await ctx.rooms.dueGraces(now)) await expire(ctx, due, now);
}

/**
 * A node died without handing its participants over: their sockets are gone, but the rooms still show them as
 * connected. Mark them dropped (the grace period starts now: their clients may resume on another node) and take its
 * lobby guests out. Several nodes may do this at once; each room change is atomic and idempotent.
 */
async function dropMembersOf(ctx: ServerContext, node: string, now: number): Promise<void> {
  ctx.logger.warn({ node }, "signaling node stopped beating: its participants count as reconnecting");
  for (const meetingId of await ctx.rooms.roomIds()) {
    const lobbyChanged = await ctx.rooms.update<RoomData | undefined>(meetingId, (room) => {
      if (!room) return { room, result: undefined, unchanged: true };
      let changed = false;
      for (const member of room.members) {
        if (member.node !== node || member.socketId === null) continue;
        member.socketId = null;
        member.graceUntil = now + ctx.config.reconnectGraceMs;
        changed = true;
      }
      const lobby = room.lobby.length;
      room.lobby = room.lobby.filter((guest) => guest.node !== node);
      if (!changed && room.lobby.length === lobby) return { room, result: undefined, unchanged: true };
      return { room: settled(room), result: room.lobby.length !== lobby ? room : undefined };
    });
    if (lobbyChanged) broadcastLobby(ctx, lobbyChanged);
  }
  await ctx.rooms.forgetNode(node);
}

async function expire(ctx: ServerContext, { meetingId, participantId }: DueGrace, now: number): Promise<void> {
  const outcome = await ctx.rooms.update<{ member: MemberState; room: RoomData; recording: RunningRecording | undefined } | "gone" | "kept">(meetingId, (room) => {
    const member = findMember(room, participantId);
    if (!room || !member) return { room, result: "gone" as const, unchanged: true };
    // Back in time, or dropped again with a later deadline: not ours to remove.
    if (member.socketId !== null || member.graceUntil === null || member.graceUntil > now) {
      return { room, result: "kept" as const, unchanged: true };
    }
    withoutMember(room, participantId);
    const recording = takeRecordingWithoutHost(room);
    return { room: settled(room), result: { member, room, recording } };
  });
  if (outcome === "gone") return ctx.rooms.forgetGrace({ meetingId, participantId });
  if (outcome === "kept") return;
  ctx.logger.info({ meetingId, participantId }, "reconnect grace expired");
  announceLeft(ctx, meetingId, outcome.member, "disconnected");
  if (outcome.recording) {
    // The last host is gone for good: the recording stops and is composed.
    const remaining = outcome.room.members.length > 0 ? roomStateOf(outcome.room) : undefined;
    void finishRecordingSoon(ctx, meetingId, outcome.recording, stopperOf(outcome.member), { room: remaining, lobby: lobbySockets(outcome.room), nodeHint: outcome.room.sfuNode });
  }
}
