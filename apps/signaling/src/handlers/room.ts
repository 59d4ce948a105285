import { timingSafeEqual } from "node:crypto";
import { canModerate, PROTOCOL_VERSION, type Resume, type RoomJoinPayload, type RoomJoinResult } from "@parley/protocol";
import { verifyJoinToken } from "../auth/join-token";
import type { MeetingForCall, StoredChatMessage } from "../db";
import { SignalingError } from "../errors";
import { admitToCall, checkAdmission, lobbyLimit, openRoom, ownPlaces, replaceOwnPlaces, wasRemoved } from "../rooms/admission";
import {
  findLobbyGuest,
  findMember,
  hostChannel,
  roleIn,
  roomChannel,
  roomStateOf,
  settled,
  toParticipant,
  type MemberState,
  type RoomData,
} from "../rooms/room-state";
import { memberIn, type EventHandlers, type ServerContext } from "../context";
import type { SignalingSocket } from "../io";
import { finishRecordingSoon, lobbySockets, stopperOf, takeRecordingWithoutHost, type RunningRecording } from "../rooms/recording";
import { addressKey, clientAddress } from "../http/client-address";
import {
  announceLeft,
  bindSocket,
  broadcastLobby,
  handleDisconnect,
  joinedPayload,
  loadHistory,
  toChatMessage,
  withoutGuest,
  withoutMember,
  type Admission,
} from "../rooms/membership";

/** `room:join` and `room:leave`, plus what happens when a socket drops. */
export function roomHandlers(ctx: ServerContext): Pick<EventHandlers, "room:join" | "room:leave"> {
  return {
    "room:join": async (socket, payload) => {
      if (socket.data.status === "joining") {
        throw new SignalingError("already_joined", "This connection is already joining a meeting.");
      }
      // NOTE: set before the first await so a second room:join racing this one is refused.
      const previous = socket.data;
      socket.data = { status: "joining" };
      try {
        if (await stillInRoom(ctx, socket.id, previous)) {
          socket.data = previous;
          throw new SignalingError("already_joined", "This connection is already in a meeting; leave it first.");
        }
        return await join(ctx, socket, payload);
      } finally {
        if (socket.data.status === "joining") socket.data = {};
      }
    },

    "room:leave": async (socket) => {
      const { meetingId, participantId } = socket.data;
      if (!meetingId || !participantId) throw SignalingError.notInRoom();
      const left = await ctx.rooms.update(meetingId, (stored) => {
        if (stored && findLobbyGuest(stored, participantId)?.socketId === socket.id) {
          const result: { room: RoomData; member?: MemberState; recording?: RunningRecording | undefined } = { room: stored };
          return { room: settled(withoutGuest(stored, participantId)), result };
        }
        const { room, member } = memberIn(stored, socket);
        withoutMember(room, member.id);
        const recording = takeRecordingWithoutHost(room);
        return { room: settled(room), result: { room, member, recording } };
      });
      socket.data = {};
      if (left.member) announceLeft(ctx, meetingId, left.member, "left");
      else broadcastLobby(ctx, left.room);
      if (left.member && left.recording) {
        const remaining = left.room.members.length > 0 ? roomStateOf(left.room) : undefined;
        void finishRecordingSoon(ctx, meetingId, left.recording, stopperOf(left.member), { room: remaining, lobby: lobbySockets(left.room), nodeHint: left.room.sfuNode });
      }
      return {};
    },
  };
}

/** Whether a socket's earlier join still holds (another node may have removed it or ended the meeting since). */
async function stillInRoom(ctx: ServerContext, socketId: string, data: SignalingSocket["data"]): Promise<boolean> {
  if (!data.meetingId || !data.participantId) return false;
  const room = await ctx.rooms.get(data.meetingId);
  return (
    findMember(room, data.participantId)?.socketId === socketId || findLobbyGuest(room, data.participantId)?.socketId === socketId
  );
}

async function join(ctx: ServerContext, socket: SignalingSocket, payload: RoomJoinPayload): Promise<RoomJoinResult> {
  if (payload.protocolVersion !== PROTOCOL_VERSION) {
    throw new SignalingError(
      "incompatible",
      `This page speaks protocol ${payload.protocolVersion}, the server ${PROTOCOL_VERSION}. Reload the page.`,
    );
  }
  const { claims, tokenId, expiresAtMs } = await verifyJoinToken(payload.token, ctx.joinTokenSecret, ctx.clock.now());
  if (claims.meetingId !== payload.meetingId) {
    throw new SignalingError("forbidden", "This join token is for another meeting.");
  }
  // A token admits once: the page fetches a fresh one for every join and re-join, so a second use is a replay
  // (a copied token, or one token spent on several seats).
  if (!(await ctx.rooms.spendToken(tokenId, ctx.clock.now().getTime(), expiresAtMs))) {
    throw new SignalingError("unauthorized", "This join link was already used. Reload the page to join again.");
  }
  // NOTE: independent reads run together; a join is a handful of round trips, not a chain of them.
  const [existing, endedAt] = await Promise.all([
    ctx.rooms.get(claims.meetingId),
    canModerate(claims.role) ? undefined : ctx.rooms.endedAt(claims.meetingId),
  ]);
  // Hosts and co-hosts moderate the lobby and the lock, so they skip both, and the passcode (they are the meeting's
  // own people: its host, or a signed-in invitee the host made co-host). A role the host gave in the call counts too.
  const role = roleIn(existing, claims.sub, claims.role);
  const isModerator = canModerate(role);
  // A valid resume proves the client was already let in: it skips passcode and lobby, and the meeting is the room's
  // copy (refreshed by every join), so that after a signaling restart everyone is back without waiting for the database.
  const resuming = payload.resume !== undefined && findResumable(existing, payload.resume, claims.sub) !== undefined;
  if (resuming && existing) {
    const { meeting } = existing;
    if (meeting.status === "CANCELLED") throw new SignalingError("meeting_cancelled", "This meeting was cancelled.");
    if (endedAt !== undefined && !reopenedSince(existing, endedAt)) throw new SignalingError("meeting_ended", "The host ended this meeting.");
    const resumed = await resume(ctx, socket, meeting, payload, claims.sub);
    if (resumed) return resumed;
    // The place expired meanwhile and the passcode was skipped: ask for it.
    if (!isModerator && meeting.passcodeHash) throw new SignalingError("passcode_required", "This meeting needs a passcode.");
  }

  const history = loadHistory(ctx, claims.meetingId);
  history.catch(() => undefined); // awaited below, or dropped when the join is refused first
  const meeting = await ctx.db.meetings.findById(claims.meetingId);
  if (!meeting) throw SignalingError.notFound("This meeting does not exist.");
  if (meeting.status === "CANCELLED") throw new SignalingError("meeting_cancelled", "This meeting was cancelled.");
  if (endedAt !== undefined && !reopenedSince(existing, endedAt)) throw new SignalingError("meeting_ended", "The host ended this meeting.");
  if (!resuming && !isModerator) {
    const address = clientAddress(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], ctx.trustedProxies);
    await ctx.passcodes.check(meeting, { subject: claims.sub, address: addressKey(address) }, payload.passcode);
  }

  const admission: Admission = {
    id: ctx.newId(),
    subject: claims.sub,
    browserSubject: claims.browser ? `guest:${claims.browser}` : undefined,
    name: claims.name,
    role,
    media: payload.media,
  };
  if (role !== "host" && existing && wasRemoved(existing, admission)) {
    ctx.io.to(hostChannel(meeting.id)).emit("host:rejoin-refused", { name: claims.name });
    ctx.logger.info({ meetingId: meeting.id }, "removed participant refused on rejoin");
    throw SignalingError.forbidden("A host removed you from this meeting.");
  }
  const loaded = await history;
  if (!socket.connected) throw new SignalingError("internal", "The connection closed while joining.");
  // Someone who was already let in (reload, crashed tab, new device) does not queue in the lobby again.
  const wasLetIn = existing !== undefined && ownPlaces(existing, claims.sub).length > 0;
  if (!isModerator && meeting.lobbyEnabled && !wasLetIn) return enterLobby(ctx, socket, meeting, admission);
  return enterCall(ctx, socket, meeting, admission, loaded);
}

/**
 * After "end for all" guests stay out, whatever token they bring (they can always mint a fresh one), until a host
 * comes back and opens the room again.
 */
function reopenedSince(room: RoomData | undefined, endedAtMs: number): boolean {
  return (room?.hostSeenAt ?? 0) > endedAtMs;
}

async function enterCall(
  ctx: ServerContext,
  socket: SignalingSocket,
  meeting: MeetingForCall,
  admission: Admission,
  history: StoredChatMessage[],
): Promise<RoomJoinResult> {
  // Cheap early refusal from the current room, before the atomic change re-checks it.
  const current = await ctx.rooms.get(meeting.id);
  if (current) {
    const preview = structuredClone(current);
    replaceOwnPlaces(preview, admission.subject);
    checkAdmission(preview, admission);
  }
  let replaced: MemberState[] = [];
  const { room, member } = await admitToCall(ctx, {
    meetingId: meeting.id,
    admission,
    localSocket: socket,
    prepare: (stored) => {
      const room = openRoom(ctx, stored, meeting);
      replaced = replaceOwnPlaces(room, admission.subject); // recomputed on every retry of this change
      checkAdmission(room, admission);
      return { room, socketId: socket.id, node: ctx.nodeId };
    },
    beforeAnnounce: () => {
      for (const old of replaced) {
        // Still connected (another tab or device): that one is out now, and told why.
        if (old.socketId) {
          ctx.io.to(old.socketId).emit("room:removed", { reason: "joined_elsewhere" });
          ctx.io.in(old.socketId).disconnectSockets(true);
        }
        announceLeft(ctx, meeting.id, old, "left");
        void ctx.rooms.forgetGrace({ meetingId: meeting.id, participantId: old.id });
      }
    },
  });
  ctx.logger.info({ meetingId: meeting.id, participantId: member.id, role: member.role }, "participant joined");
  // NOTE: the socket may have dropped while we wrote; start its grace period like any other drop.
  if (!socket.connected) void handleDisconnect(ctx, socket);
  return joinedPayload(ctx, room, member, history, false);
}

async function enterLobby(ctx: ServerContext, socket: SignalingSocket, meeting: MeetingForCall, admission: Admission): Promise<RoomJoinResult> {
  let replaced: string[] = [];
  const room = await ctx.rooms.update(meeting.id, (stored) => {
    const room = openRoom(ctx, stored, meeting);
    checkAdmission(room, admission);
    // One place in the queue per identity too: the newest request replaces an older one.
    replaced = room.lobby.filter((guest) => guest.subject === admission.subject).map((guest) => guest.socketId);
    room.lobby = room.lobby.filter((guest) => guest.subject !== admission.subject);
    if (room.lobby.length >= lobbyLimit(room)) throw new SignalingError("room_full", "Too many people are waiting to join. Try again later.");
    room.lobby.push({
      id: admission.id,
      subject: admission.subject,
      ...(admission.browserSubject ? { browserSubject: admission.browserSubject } : {}),
      name: admission.name,
      requestedAt: ctx.clock.now().toISOString(),
      socketId: socket.id,
      node: ctx.nodeId,
      media: admission.media,
    });
    return { room, result: room };
  });
  for (const socketId of replaced) if (socketId !== socket.id) ctx.io.in(socketId).disconnectSockets(true);
  socket.data = { meetingId: meeting.id, participantId: admission.id, status: "waiting" };
  broadcastLobby(ctx, room);
  ctx.logger.info({ meetingId: meeting.id, lobbyId: admission.id }, "guest waiting in lobby");
  if (!socket.connected) void handleDisconnect(ctx, socket);
  return { status: "waiting", lobbyId: admission.id, room: roomStateOf(room) };
}

/** The member a resume refers to, if it belongs to the same identity and carries the right secret. */
function findResumable(room: RoomData | undefined, resume: Resume, subject: string): MemberState | undefined {
  const member = findMember(room, resume.participantId);
  if (!member || member.subject !== subject) return undefined;
  const expected = Buffer.from(member.resumeToken);
  const given = Buffer.from(resume.resumeToken);
  return expected.length === given.length && timingSafeEqual(expected, given) ? member : undefined;
}

/**
 * Give a dropped (or replaced) member's place to this socket, whichever node the old socket was on.
 * The others see no leave/join. Undefined when there is no such place (any more).
 */
async function resume(
  ctx: ServerContext,
  socket: SignalingSocket,
  meeting: MeetingForCall,
  payload: RoomJoinPayload,
  subject: string,
): Promise<RoomJoinResult | undefined> {
  const resumeProof = payload.resume as Resume;
  const taken = await ctx.rooms.update(meeting.id, (room) => {
    const member = findResumable(room, resumeProof, subject);
    if (!room || !member) return { room, result: undefined, unchanged: true };
    room.meeting = meeting;
    const previousSocketId = member.socketId;
    const mediaChanged = member.audioMuted !== payload.media.audioMuted || member.videoMuted !== payload.media.videoMuted;
    member.socketId = socket.id;
    member.node = ctx.nodeId;
    member.graceUntil = null;
    member.audioMuted = payload.media.audioMuted;
    member.videoMuted = payload.media.videoMuted;
    return { room, result: { room, member, previousSocketId, mediaChanged } };
  });
  if (!taken) return undefined;
  const { room, member, previousSocketId, mediaChanged } = taken;
  if (previousSocketId && previousSocketId !== socket.id) {
    // The old socket is half-open (its client already came back on a new one): retire it quietly, wherever it is.
    ctx.io.in(previousSocketId).disconnectSockets(true);
  }
  bindSocket(socket, meeting.id, member);
  if (mediaChanged) socket.to(roomChannel(meeting.id)).emit("participant:updated", toParticipant(member));
  ctx.logger.info({ meetingId: meeting.id, participantId: member.id }, "participant resumed");
  if (!socket.connected) void handleDisconnect(ctx, socket);
  sendHistoryAfterAnswer(ctx, socket, room);
  return joinedPayload(ctx, room, member, [], true);
}

/**
 * What a resumed client missed while away, sent to that socket alone right after its answer (the client merges
 * history and drops messages it has). NOTE: not part of the answer: on a freshly restarted node the first query
 * starts the database client (seconds of CPU under load), and everyone coming back should not wait for that.
 */
function sendHistoryAfterAnswer(ctx: ServerContext, socket: SignalingSocket, room: RoomData): void {
  setTimeout(() => {
    loadHistory(ctx, room.meeting.id).then(
      (messages) => {
        if (!socket.connected) return;
        for (const message of messages) socket.emit("chat:message", toChatMessage(room, message));
      },
      (error: unknown) => ctx.logger.warn({ err: error, meetingId: room.meeting.id }, "loading chat history for a resume failed"),
    );
  }, 0);
}
