import { canModerate } from "@parley/protocol";
import { SignalingError } from "../errors";
import { findMember, roomChannel, toParticipant } from "../rooms/room-state";
import { meetingOf, memberIn, requireMember, type EventHandlers, type ServerContext } from "../context";

/** Raised hands and reactions. */
export function presenceHandlers(ctx: ServerContext): Pick<EventHandlers, "hand:raise" | "hand:lower" | "reaction:send"> {
  return {
    "hand:raise": async (socket) => {
      const meetingId = meetingOf(socket);
      const participant = await ctx.rooms.update(meetingId, (stored) => {
        const { room, member } = memberIn(stored, socket);
        member.handRaised = true;
        return { room, result: toParticipant(member) };
      });
      socket.to(roomChannel(meetingId)).emit("participant:updated", participant);
      return participant;
    },

    "hand:lower": async (socket, { participantId }) => {
      const meetingId = meetingOf(socket);
      const participant = await ctx.rooms.update(meetingId, (stored) => {
        const { room, member } = memberIn(stored, socket);
        const target = participantId === undefined ? member : findMember(room, participantId);
        if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
        if (target !== member && !canModerate(member.role)) throw SignalingError.forbidden("Only a host or co-host can lower someone else's hand.");
        target.handRaised = false;
        return { room, result: toParticipant(target) };
      });
      ctx.io.to(roomChannel(meetingId)).except(socket.id).emit("participant:updated", participant);
      return participant;
    },

    "reaction:send": async (socket, { reaction }) => {
      const { room, member } = await requireMember(ctx, socket);
      socket
        .to(roomChannel(room.meeting.id))
        .emit("reaction:received", { from: member.id, reaction, sentAt: ctx.clock.now().toISOString() });
      return {};
    },
  };
}
