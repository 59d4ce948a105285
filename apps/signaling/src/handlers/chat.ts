import { roomChannel } from "../rooms/room-state";
import { requireMember, type EventHandlers, type ServerContext } from "../context";
import { toChatMessage } from "../rooms/membership";

/** `chat:send`: stored first, then delivered (once, to every node's members), so a reload always finds it in the history. */
export function chatHandlers(ctx: ServerContext): Pick<EventHandlers, "chat:send"> {
  return {
    "chat:send": async (socket, { body }) => {
      const { room, member } = await requireMember(ctx, socket);
      const stored = await ctx.db.chat.append({
        meetingId: room.meeting.id,
        ...(member.attendanceId ? { participantId: member.attendanceId } : {}),
        senderName: member.name,
        body,
      });
      const message = { ...toChatMessage(room, stored), senderId: member.id };
      socket.to(roomChannel(room.meeting.id)).emit("chat:message", message);
      return message;
    },
  };
}
