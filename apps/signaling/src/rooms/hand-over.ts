import type { MemoryRoomStore } from "./memory-room-store";
import { findLobbyGuest, findMember, settled, type RoomData } from "./room-state";
import type { ServerContext } from "../context";
import type { SignalingSocket } from "../io";
import { broadcastLobby, recordLeave, withoutGuest } from "./membership";

/**
 * Before a node closes its sockets. Alone (in-memory rooms) the rooms end with the process: attendance closes and
 * clients join afresh when it is back. With shared rooms, this node's members keep their places for the reconnect
 * grace period, as if their sockets had dropped, and resume on another node; any node's sweeper expires the places
 * of those who do not come back. Then every client is told to reconnect ("io server disconnect").
 */
export async function handOverLocalSockets(ctx: ServerContext, memoryRooms: MemoryRoomStore | undefined): Promise<void> {
  const sockets = [...ctx.io.sockets.sockets.values()];
  if (memoryRooms) {
    const now = ctx.clock.now();
    await Promise.all(memoryRooms.takeAll().flatMap((room) => room.members.map((member) => recordLeave(ctx, member.attendanceId, now))));
  } else {
    await Promise.all([...byMeeting(sockets)].map(([meetingId, inRoom]) => releaseRoom(ctx, meetingId, inRoom)));
  }
  for (const socket of sockets) socket.disconnect(true);
}

function byMeeting(sockets: SignalingSocket[]): Map<string, SignalingSocket[]> {
  const groups = new Map<string, SignalingSocket[]>();
  for (const socket of sockets) {
    const { meetingId, participantId } = socket.data;
    if (!meetingId || !participantId) continue;
    groups.set(meetingId, [...(groups.get(meetingId) ?? []), socket]);
  }
  return groups;
}

/** One atomic change per room (not per socket): the sockets of a room would otherwise contend for it. */
async function releaseRoom(ctx: ServerContext, meetingId: string, sockets: SignalingSocket[]): Promise<void> {
  const graceUntil = ctx.clock.now().getTime() + ctx.config.reconnectGraceMs;
  try {
    const lobbyChanged = await ctx.rooms.update(meetingId, (room) => {
      if (!room) return { room, result: undefined, unchanged: true };
      let lobbyLeft: RoomData | undefined;
      for (const socket of sockets) {
        const participantId = socket.data.participantId as string;
        if (findLobbyGuest(room, participantId)?.socketId === socket.id) {
          // NOTE: a lobby place is not resumable; the guest's client joins the lobby again on another node.
          lobbyLeft = withoutGuest(room, participantId);
          continue;
        }
        const member = findMember(room, participantId);
        if (member?.socketId !== socket.id) continue;
        member.socketId = null;
        member.graceUntil = graceUntil;
      }
      return { room: settled(room), result: lobbyLeft };
    });
    if (lobbyChanged) broadcastLobby(ctx, lobbyChanged);
    ctx.logger.info({ meetingId, sockets: sockets.length }, "participants handed over for reconnection");
  } catch (error) {
    ctx.logger.error({ err: error, meetingId }, "handing over participants failed");
  }
}
