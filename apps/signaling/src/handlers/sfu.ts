import type { ErrorCode } from "@parley/protocol";
import { SignalingError } from "../errors";
import { SfuError } from "@parley/janus";
import type { SfuPeer } from "../sfu/sfu-peer";
import type { SfuService } from "../sfu/sfu-service";
import { requireMember, type EventHandlers, type ServerContext } from "../context";
import type { SignalingSocket } from "../io";

type SfuEvents = "sfu:publish" | "sfu:answer" | "sfu:candidate" | "sfu:layers" | "sfu:sync";

/** Media through the SFU: the browser's JSEP and candidates to Janus, Janus' offers back (see SfuService). */
export function sfuHandlers(ctx: ServerContext): Pick<EventHandlers, SfuEvents> {
  const service = (): SfuService => {
    if (!ctx.sfu) throw new SignalingError("sfu_unavailable", "This server has no media server for large meetings.");
    return ctx.sfu;
  };

  /** The caller's peer on this node; a client that lost it (or never published) must publish (again). */
  const peerOf = async (socket: SignalingSocket): Promise<SfuPeer> => {
    const { member } = await requireMember(ctx, socket);
    const peer = service().peer(member.id);
    if (!peer) throw new SignalingError("sfu_unavailable", "No media session here; publish again.");
    return peer;
  };

  return {
    "sfu:publish": (socket, { offer, sources, fresh }) =>
      sfuCall(async () => {
        const { room, member } = await requireMember(ctx, socket);
        if (room.topology !== "sfu") throw new SignalingError("forbidden", "This meeting does not use the media server.");
        if (fresh) await ctx.sfuSessions.take(room.meeting.id, member.subject);
        const answer = await service().publish({
          meetingId: room.meeting.id,
          participantId: member.id,
          display: member.name,
          socketId: socket.id,
          offer,
          sources,
          fresh,
          recordingId: room.recording?.id,
        });
        return { answer: { type: "answer" as const, sdp: answer.sdp } };
      }),
    "sfu:answer": (socket, { seq, answer }) =>
      sfuCall(async () => {
        (await peerOf(socket)).answer(seq, answer);
        return {};
      }),
    "sfu:candidate": (socket, { target, candidate }) =>
      sfuCall(async () => {
        await (await peerOf(socket)).candidate(target, candidate);
        return {};
      }),
    "sfu:layers": (socket, { preferences }) =>
      sfuCall(async () => {
        (await peerOf(socket)).setPreferences(preferences);
        return {};
      }),
    "sfu:sync": (socket) =>
      sfuCall(async () => {
        const { room, member } = await requireMember(ctx, socket);
        return { status: service().sync(member.id, room.meeting.id, socket.id) };
      }),
  };
}

/** Janus' errors become protocol errors; the wording stays in our logs. */
async function sfuCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof SfuError)) throw error;
    throw new SignalingError(protocolCodeFor(error), messageFor(error), { cause: error });
  }
}

function protocolCodeFor(error: SfuError): ErrorCode {
  switch (error.code) {
    case "sfu_negotiation_failed":
    case "sfu_invalid_state":
      return "sfu_negotiation_failed";
    case "sfu_room_full":
      return "room_full";
    default:
      return "sfu_unavailable";
  }
}

function messageFor(error: SfuError): string {
  switch (error.code) {
    case "sfu_negotiation_failed":
    case "sfu_invalid_state":
      return "The media server could not use that description.";
    case "sfu_room_full":
      return "The media room is full.";
    default:
      return "The media server is not reachable right now; try again.";
  }
}
