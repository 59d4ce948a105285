import { roomChannel, toParticipant } from "../rooms/room-state";
import { meetingOf, memberIn, type EventHandlers, type ServerContext } from "../context";

/** `media:update`: the sender muted, unmuted, or started/stopped sharing the screen. */
export function mediaHandlers(ctx: ServerContext): Pick<EventHandlers, "media:update"> {
  return {
    "media:update": async (socket, update) => {
      const meetingId = meetingOf(socket);
      const participant = await ctx.rooms.update(meetingId, (stored) => {
        const { room, member } = memberIn(stored, socket);
        if (update.audioMuted !== undefined) member.audioMuted = update.audioMuted;
        if (update.videoMuted !== undefined) member.videoMuted = update.videoMuted;
        if (update.screenSharing !== undefined) member.screenSharing = update.screenSharing;
        return { room, result: toParticipant(member) };
      });
      socket.to(roomChannel(meetingId)).emit("participant:updated", participant);
      return participant;
    },
  };
}
