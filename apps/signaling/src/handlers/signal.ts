import { SignalingError } from "../errors";
import type { Member } from "../rooms/room";
import { requireMember, type EventHandlers, type ServerContext, type SignalingSocket } from "./context";

/** SDP and ICE relay, only between members of the same room, addressed by participant id. */
export function signalHandlers(
  ctx: ServerContext,
): Pick<EventHandlers, "signal:description" | "signal:candidate" | "signal:ice-restart"> {
  /** The addressee, looked up in the sender's room only: ids from other rooms are simply not found. */
  function peerOf(socket: SignalingSocket, to: string): { from: Member; socketId: string } {
    const { room, member } = requireMember(ctx, socket);
    if (to === member.id) throw SignalingError.invalidPayload("You cannot signal yourself.");
    const peer = room.members.get(to);
    if (!peer) throw SignalingError.notFound("That participant is not in this meeting.");
    if (!peer.socketId) throw new SignalingError("peer_unavailable", "That participant is reconnecting; try again.");
    return { from: member, socketId: peer.socketId };
  }

  return {
    "signal:description": (socket, { to, description }) => {
      const { from, socketId } = peerOf(socket, to);
      ctx.io.to(socketId).emit("signal:description", { from: from.id, description });
      return {};
    },
    "signal:candidate": (socket, { to, candidate }) => {
      const { from, socketId } = peerOf(socket, to);
      ctx.io.to(socketId).emit("signal:candidate", { from: from.id, candidate });
      return {};
    },
    "signal:ice-restart": (socket, { to }) => {
      const { from, socketId } = peerOf(socket, to);
      ctx.io.to(socketId).emit("signal:ice-restart", { from: from.id });
      return {};
    },
  };
}
