import { SignalingError } from "../errors";
import { admitToCall } from "../rooms/admission";
import { findLobbyGuest, findMember, roomChannel, roomStateOf, settled, toParticipant } from "../rooms/room-state";
import { releaseEndedRoom } from "../rooms/ending";
import { hostIn, meetingOf, requireHost, type EventHandlers, type ServerContext } from "../context";
import type { SignalingSocket } from "../io";
import { stopperOf } from "../rooms/recording";
import {
  announceLeft,
  broadcastLobby,
  joinedPayload,
  loadHistory,
  unbindSocket,
  withoutGuest,
  withoutMember,
} from "../rooms/membership";

type HostEvents = "host:mute" | "host:remove" | "host:lock" | "host:unlock" | "host:end" | "lobby:admit" | "lobby:deny";

/** Host-only actions; guests get `forbidden` and nothing changes. Targets may be connected to any node. */
export function hostHandlers(ctx: ServerContext): Pick<EventHandlers, HostEvents> {
  async function setLocked(socket: SignalingSocket, locked: boolean) {
    const meetingId = meetingOf(socket);
    const state = await ctx.rooms.update(meetingId, (stored) => {
      const { room } = hostIn(stored, socket);
      room.locked = locked;
      return { room, result: roomStateOf(room) };
    });
    socket.to(roomChannel(meetingId)).emit("room:updated", state);
    return state;
  }

  return {
    "host:mute": async (socket, { participantId, kind }) => {
      const meetingId = meetingOf(socket);
      const { host, target } = await ctx.rooms.update(meetingId, (stored) => {
        const { room, member: host } = hostIn(stored, socket);
        const target = findMember(room, participantId);
        if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
        if (kind === "audio") target.audioMuted = true;
        else target.videoMuted = true;
        return { room, result: { host, target } };
      });
      const participant = toParticipant(target);
      ctx.io.to(roomChannel(meetingId)).except(socket.id).emit("participant:updated", participant);
      if (target.socketId) ctx.io.to(target.socketId).emit("media:muted", { by: host.id, kind });
      return participant;
    },

    "host:remove": async (socket, { participantId, block }) => {
      const meetingId = meetingOf(socket);
      const target = await ctx.rooms.update(meetingId, (stored) => {
        const { room } = hostIn(stored, socket);
        const target = findMember(room, participantId);
        if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
        if (target.role === "host") throw SignalingError.forbidden("Hosts cannot be removed.");
        // Blocked: the browser too (signing out and joining as its guest must not undo it).
        if (block) room.removedSubjects.push(target.subject, ...(target.browserSubject ? [target.browserSubject] : []));
        return { room: settled(withoutMember(room, target.id)), result: target };
      });
      if (target.socketId) ctx.io.to(target.socketId).emit("room:removed", { reason: block ? "blocked_by_host" : "removed_by_host" });
      announceLeft(ctx, meetingId, target, "removed");
      ctx.logger.info({ meetingId, participantId, block }, "participant removed by host");
      return {};
    },

    "host:lock": (socket) => setLocked(socket, true),
    "host:unlock": (socket) => setLocked(socket, false),

    "host:end": async (socket) => {
      const meetingId = meetingOf(socket);
      await requireHost(ctx, socket);
      const now = ctx.clock.now();
      // Ended first: from here on no guest token issued before now opens the room again, on any node.
      await ctx.rooms.markEnded(meetingId, now.getTime());
      const { room: ended, member } = await ctx.rooms.update(meetingId, (stored) => {
        const found = hostIn(stored, socket);
        return { room: undefined, result: found };
      });
      releaseEndedRoom(ctx, meetingId, ended, "ended_by_host", now, stopperOf(member));
      ctx.logger.info({ meetingId }, "meeting ended by host");
      return {};
    },

    "lobby:admit": async (socket, { participantId }) => {
      const meetingId = meetingOf(socket);
      const waiting = findLobbyGuest((await requireHost(ctx, socket)).room, participantId);
      if (!waiting) throw SignalingError.notFound("Nobody with that id is waiting.");
      const history = await loadHistory(ctx, meetingId);
      const { room, member } = await admitToCall(ctx, {
        meetingId,
        admission: { ...waiting, role: "guest" },
        // Re-checked atomically: the guest may have left, or another host (on any node) admitted them meanwhile.
        prepare: (stored) => {
          const { room } = hostIn(stored, socket);
          const guest = findLobbyGuest(room, participantId);
          if (!guest) throw SignalingError.notFound("Nobody with that id is waiting.");
          withoutGuest(room, guest.id);
          return { room, socketId: guest.socketId, node: guest.node };
        },
      });
      const guestSocketId = member.socketId as string;
      ctx.io.to(guestSocketId).emit("lobby:admitted", joinedPayload(ctx, room, member, history, false));
      broadcastLobby(ctx, room);
      ctx.logger.info({ meetingId, participantId: member.id }, "guest admitted");
      return {};
    },

    "lobby:deny": async (socket, { participantId }) => {
      const meetingId = meetingOf(socket);
      const { room, guest } = await ctx.rooms.update(meetingId, (stored) => {
        const { room } = hostIn(stored, socket);
        const guest = findLobbyGuest(room, participantId);
        if (!guest) throw SignalingError.notFound("Nobody with that id is waiting.");
        return { room: withoutGuest(room, guest.id), result: { room, guest } };
      });
      unbindSocket(ctx, guest.socketId, meetingId);
      ctx.io.to(guest.socketId).emit("lobby:denied", { reason: "denied_by_host" });
      broadcastLobby(ctx, room);
      return {};
    },
  };
}
