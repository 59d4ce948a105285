// The package's public surface: apps import from "@parley/db" only, never @prisma/client or generated paths.
export { createDb, type Db } from "./client";
export { DbError, DB_ERROR_CODES, type DbErrorCode } from "./errors";
export {
  MeetingStatus,
  ParticipantRole,
  Prisma,
  type ChatMessage,
  type Invitee,
  type Meeting,
  type Participant,
  type Recording,
  RecordingState,
  type PrismaClient,
  type User,
} from "./generated/prisma/client";
export type { UserRepository } from "./repositories/users";
export type {
  CreateMeetingInput,
  HostActionError,
  HostActionResult,
  MeetingDetails,
  MeetingPatch,
  MeetingRepository,
  MeetingWithInvitees,
} from "./repositories/meetings";
export type { ParticipantRepository, RecordJoinInput, TimeWindow } from "./repositories/participants";
export type { AppendChatInput, ChatRepository } from "./repositories/chat";
export type { RecordingReadyInput, RecordingRepository, StartRecordingInput, StopRecordingInput } from "./repositories/recordings";
