import { roomChannel, toParticipant } from "../rooms/room";
import { requireMember, type EventHandlers, type ServerContext } from "./context";

/** `media:update`: the sender muted, unmuted, or started/stopped sharing the screen. */
export function mediaHandlers(ctx: ServerContext): Pick<EventHandlers, "media:update"> {
  return {
    "media:update": (socket, update) => {
      const { room, member } = requireMember(ctx, socket);
      if (update.audioMuted !== undefined) member.audioMuted = update.audioMuted;
      if (update.videoMuted !== undefined) member.videoMuted = update.videoMuted;
      if (update.screenSharing !== undefined) member.screenSharing = update.screenSharing;
      const participant = toParticipant(member);
      socket.to(roomChannel(room.meeting.id)).emit("participant:updated", participant);
      return participant;
    },
  };
}
