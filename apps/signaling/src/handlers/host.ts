import type { ParticipantRole } from "@parley/protocol";
import { SignalingError } from "../errors";
import { admitToCall } from "../rooms/admission";
import { findLobbyGuest, findMember, roleIn, roomChannel, roomStateOf, settled, toParticipant, type MemberState } from "../rooms/room-state";
import { releaseEndedRoom } from "../rooms/ending";
import { hostIn, meetingOf, moderatorIn, requireModerator, type EventHandlers, type ServerContext } from "../context";
import type { SignalingSocket } from "../io";
import { stopperOf } from "../rooms/recording";
import {
  announceLeft,
  broadcastLobby,
  joinedPayload,
  loadHistory,
  rebindRole,
  unbindSocket,
  withoutGuest,
  withoutMember,
} from "../rooms/membership";

type HostEvents =
  | "host:mute"
  | "host:remove"
  | "host:lock"
  | "host:unlock"
  | "host:end"
  | "host:promote"
  | "host:demote"
  | "lobby:admit"
  | "lobby:deny";

const RANK: Record<ParticipantRole, number> = { host: 2, cohost: 1, guest: 0 };

/** Removing someone takes a higher role: the host removes anyone else, a co-host removes guests only. */
function mayRemove(actor: MemberState, target: MemberState): boolean {
  return RANK[actor.role] > RANK[target.role];
}

/**
 * Host actions, for the host and co-hosts (promote/demote: the host only, as in Zoom); guests get `forbidden` and
 * nothing changes. Nobody but the host acts on the host. Targets may be connected to any node.
 */
export function hostHandlers(ctx: ServerContext): Pick<EventHandlers, HostEvents> {
  /** host:promote / host:demote: the host gives a participant a role; everyone hears `participant:updated`. */
  async function setRole(socket: SignalingSocket, participantId: string, role: "cohost" | "guest") {
    const meetingId = meetingOf(socket);
    const { room, target } = await ctx.rooms.update(meetingId, (stored) => {
      const { room } = hostIn(stored, socket);
      const target = findMember(room, participantId);
      if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
      if (target.role === "host") throw SignalingError.forbidden("The host's role cannot change.");
      target.role = role;
      // Kept for the session by identity: a reload (a fresh join) comes back with this role, whatever the token says.
      room.roles = { ...room.roles, [target.subject]: role };
      return { room, result: { room, target } };
    });
    rebindRole(ctx, room, target);
    const participant = toParticipant(target);
    ctx.io.to(roomChannel(meetingId)).except(socket.id).emit("participant:updated", participant);
    ctx.logger.info({ meetingId, participantId, role }, "role changed by host");
    return participant;
  }

  async function setLocked(socket: SignalingSocket, locked: boolean) {
    const meetingId = meetingOf(socket);
    const state = await ctx.rooms.update(meetingId, (stored) => {
      const { room } = moderatorIn(stored, socket);
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
        const { room, member: host } = moderatorIn(stored, socket);
        const target = findMember(room, participantId);
        if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
        if (target.role === "host" && host.role !== "host") throw SignalingError.forbidden("A co-host cannot mute the host.");
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
        const { room, member } = moderatorIn(stored, socket);
        const target = findMember(room, participantId);
        if (!target) throw SignalingError.notFound("That participant is not in this meeting.");
        if (target.role === "host") throw SignalingError.forbidden("Hosts cannot be removed.");
        if (!mayRemove(member, target)) throw SignalingError.forbidden("A co-host cannot remove another co-host.");
        // Blocked: the browser too (signing out and joining as its guest must not undo it).
        if (block) room.removedSubjects.push(target.subject, ...(target.browserSubject ? [target.browserSubject] : []));
        return { room: settled(withoutMember(room, target.id)), result: target };
      });
      if (target.socketId) ctx.io.to(target.socketId).emit("room:removed", { reason: block ? "blocked_by_host" : "removed_by_host" });
      announceLeft(ctx, meetingId, target, "removed");
      ctx.logger.info({ meetingId, participantId, block }, "participant removed by host");
      return {};
    },

    "host:promote": (socket, { participantId }) => setRole(socket, participantId, "cohost"),
    "host:demote": (socket, { participantId }) => setRole(socket, participantId, "guest"),

    "host:lock": (socket) => setLocked(socket, true),
    "host:unlock": (socket) => setLocked(socket, false),

    "host:end": async (socket) => {
      const meetingId = meetingOf(socket);
      await requireModerator(ctx, socket);
      const now = ctx.clock.now();
      // Ended first: from here on no guest token issued before now opens the room again, on any node.
      await ctx.rooms.markEnded(meetingId, now.getTime());
      const { room: ended, member } = await ctx.rooms.update(meetingId, (stored) => {
        const found = moderatorIn(stored, socket);
        return { room: undefined, result: found };
      });
      releaseEndedRoom(ctx, meetingId, ended, "ended_by_host", now, stopperOf(member));
      ctx.logger.info({ meetingId }, "meeting ended by host");
      return {};
    },

    "lobby:admit": async (socket, { participantId }) => {
      const meetingId = meetingOf(socket);
      const { room: admitting } = await requireModerator(ctx, socket);
      const waiting = findLobbyGuest(admitting, participantId);
      if (!waiting) throw SignalingError.notFound("Nobody with that id is waiting.");
      const history = await loadHistory(ctx, meetingId);
      const { room, member } = await admitToCall(ctx, {
        meetingId,
        // A guest the host made co-host earlier in this session (then left) comes back as one.
        admission: { ...waiting, role: roleIn(admitting, waiting.subject, "guest") },
        // Re-checked atomically: the guest may have left, or another host (on any node) admitted them meanwhile.
        prepare: (stored) => {
          const { room } = moderatorIn(stored, socket);
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
        const { room } = moderatorIn(stored, socket);
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
