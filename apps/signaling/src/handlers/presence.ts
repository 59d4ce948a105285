import { SignalingError } from "../errors";
import { roomChannel, toParticipant } from "../rooms/room";
import { requireMember, type EventHandlers, type ServerContext } from "./context";

/** Raised hands and reactions. */
export function presenceHandlers(ctx: ServerContext): Pick<EventHandlers, "hand:raise" | "hand:lower" | "reaction:send"> {
  return {
    "hand:raise": (socket) => {
      const { room, member } = requireMember(ctx, socket);
      member.handRaised = true;
      const participant = toParticipant(member);
      socket.to(roomChannel(room.meeting.id)).emit("participant:updated", participant);
      return participant;
    },

    "hand:lower": (socket, { participantId }) => {
      const { room, member } = requireMember(ctx, socket);
      const target = participantId === undefined ? member : room.members.get(participantId);
      if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
      if (target !== member && member.role !== "host") throw SignalingError.forbidden("Only a host can lower someone else's hand.");
      target.handRaised = false;
      const participant = toParticipant(target);
      ctx.io.to(roomChannel(room.meeting.id)).except(socket.id).emit("participant:updated", participant);
      return participant;
    },

    "reaction:send": (socket, { reaction }) => {
      const { room, member } = requireMember(ctx, socket);
      socket
        .to(roomChannel(room.meeting.id))
        .emit("reaction:received", { from: member.id, reaction, sentAt: ctx.clock.now().toISOString() });
      return {};
    },
  };
}
