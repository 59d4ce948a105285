import { SignalingError } from "../errors";
import { findMember, type MemberState } from "../rooms/room-state";
import { requireMember, type EventHandlers, type ServerContext } from "../context";
import type { SignalingSocket } from "../io";

/** SDP and ICE relay, only between members of the same room, addressed by participant id. */
export function signalHandlers(
  ctx: ServerContext,
): Pick<EventHandlers, "signal:description" | "signal:candidate" | "signal:ice-restart"> {
  /**
   * The addressee, looked up in the sender's room only: ids from other rooms are simply not found.
   * Its socket may be on another node; the adapter delivers there.
   */
  async function peerOf(socket: SignalingSocket, to: string): Promise<{ from: MemberState; socketId: string }> {
    const { room, member } = await requireMember(ctx, socket);
    if (to === member.id) throw SignalingError.invalidPayload("You cannot signal yourself.");
    const peer = findMember(room, to);
    if (!peer) throw SignalingError.notFound("That participant is not in this meeting.");
    if (!peer.socketId) throw new SignalingError("peer_unavailable", "That participant is reconnecting; try again.");
    return { from: member, socketId: peer.socketId };
  }

  return {
    "signal:description": async (socket, { to, description, sources }) => {
      const { from, socketId } = await peerOf(socket, to);
      ctx.io.to(socketId).emit("signal:description", { from: from.id, description, ...(sources ? { sources } : {}) });
      return {};
    },
    "signal:candidate": async (socket, { to, candidate }) => {
      const { from, socketId } = await peerOf(socket, to);
      ctx.io.to(socketId).emit("signal:candidate", { from: from.id, candidate });
      return {};
    },
    "signal:ice-restart": async (socket, { to }) => {
      const { from, socketId } = await peerOf(socket, to);
      ctx.io.to(socketId).emit("signal:ice-restart", { from: from.id });
      return {};
    },
  };
}
