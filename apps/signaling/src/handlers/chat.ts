import { roomChannel } from "../rooms/room";
import { requireMember, type EventHandlers, type ServerContext } from "./context";
import { toChatMessage } from "./membership";

/** `chat:send`: stored first, then delivered, so a reload always finds it in the history. */
export function chatHandlers(ctx: ServerContext): Pick<EventHandlers, "chat:send"> {
  return {
    "chat:send": async (socket, { body }) => {
      const { room, member } = requireMember(ctx, socket);
      const attendanceId = await member.attendanceId;
      const stored = await ctx.db.chat.append({
        meetingId: room.meeting.id,
        ...(attendanceId ? { participantId: attendanceId } : {}),
        senderName: member.name,
        body,
      });
      const message = { ...toChatMessage(room, stored), senderId: member.id };
      socket.to(roomChannel(room.meeting.id)).emit("chat:message", message);
      return message;
    },
  };
}
