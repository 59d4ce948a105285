import { SignalingError } from "../errors";
import { roomChannel, toParticipant } from "../rooms/room";
import { requireHost, type EventHandlers, type ServerContext } from "./context";
import { broadcastLobby, joinedPayload, loadHistory, addMember, recordLeave, unbindSocket, removeMember } from "./membership";

type HostEvents = "host:mute" | "host:remove" | "host:lock" | "host:unlock" | "host:end" | "lobby:admit" | "lobby:deny";

/** Host-only actions; guests get `forbidden` and nothing changes. */
export function hostHandlers(ctx: ServerContext): Pick<EventHandlers, HostEvents> {
  function setLocked(socket: Parameters<EventHandlers["host:lock"]>[0], locked: boolean) {
    const { room } = requireHost(ctx, socket);
    room.locked = locked;
    const state = room.state();
    socket.to(roomChannel(room.meeting.id)).emit("room:updated", state);
    return state;
  }

  return {
    "host:mute": (socket, { participantId, kind }) => {
      const { room, member } = requireHost(ctx, socket);
      const target = room.members.get(participantId);
      if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
      if (kind === "audio") target.audioMuted = true;
      else target.videoMuted = true;
      const participant = toParticipant(target);
      ctx.io.to(roomChannel(room.meeting.id)).except(socket.id).emit("participant:updated", participant);
      if (target.socketId) ctx.io.to(target.socketId).emit("media:muted", { by: member.id, kind });
      return participant;
    },

    "host:remove": (socket, { participantId }) => {
      const { room } = requireHost(ctx, socket);
      const target = room.members.get(participantId);
      if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
      if (target.role === "host") throw SignalingError.forbidden("Hosts cannot be removed.");
      room.removedSubjects.add(target.subject);
      if (target.socketId) ctx.io.to(target.socketId).emit("room:removed", { reason: "removed_by_host" });
      removeMember(ctx, room, target, "removed");
      ctx.logger.info({ meetingId: room.meeting.id, participantId }, "participant removed by host");
      return {};
    },

    "host:lock": (socket) => setLocked(socket, true),
    "host:unlock": (socket) => setLocked(socket, false),

    "host:end": (socket) => {
      const { room } = requireHost(ctx, socket);
      const meetingId = room.meeting.id;
      const now = ctx.clock.now();
      ctx.io.to(roomChannel(meetingId)).emit("room:ended", { reason: "ended_by_host" });
      for (const guest of room.lobby.values()) {
        unbindSocket(ctx, guest.socketId, meetingId)?.emit("lobby:denied", { reason: "meeting_ended" });
      }
      room.lobby.clear();
      for (const member of room.members.values()) {
        if (member.graceTimer !== null) ctx.clock.clearTimeout(member.graceTimer);
        member.graceTimer = null;
        unbindSocket(ctx, member.socketId, meetingId);
        void recordLeave(ctx, member, now);
      }
      room.members.clear();
      ctx.rooms.end(room, now.getTime());
      ctx.logger.info({ meetingId }, "meeting ended by host");
      return {};
    },

    "lobby:admit": async (socket, { participantId }) => {
      const { room } = requireHost(ctx, socket);
      if (!room.lobby.has(participantId)) throw SignalingError.notFound("Nobody with that id is waiting.");
      const history = await loadHistory(ctx, room.meeting.id);
      // Re-check after the await: the guest may have left or been admitted by another host meanwhile.
      requireHost(ctx, socket);
      const guest = room.lobby.get(participantId);
      if (!guest) throw SignalingError.notFound("Nobody with that id is waiting.");
      if (room.isFull) throw new SignalingError("room_full", "The meeting is full.");
      room.lobby.delete(participantId);
      const guestSocket = ctx.io.sockets.sockets.get(guest.socketId);
      if (!guestSocket) {
        broadcastLobby(ctx, room);
        throw SignalingError.notFound("That guest has left.");
      }
      const member = addMember(ctx, room, guestSocket, { ...guest, role: "guest" });
      guestSocket.emit("lobby:admitted", joinedPayload(ctx, room, member, history, false));
      broadcastLobby(ctx, room);
      return {};
    },

    "lobby:deny": (socket, { participantId }) => {
      const { room } = requireHost(ctx, socket);
      const guest = room.lobby.get(participantId);
      if (!guest) throw SignalingError.notFound("Nobody with that id is waiting.");
      room.lobby.delete(participantId);
      unbindSocket(ctx, guest.socketId, room.meeting.id)?.emit("lobby:denied", { reason: "denied_by_host" });
      broadcastLobby(ctx, room);
      return {};
    },
  };
}
