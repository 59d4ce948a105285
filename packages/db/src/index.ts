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
  type PrismaClient,
  type SignupInvitation,
  type SignupMode,
  type User,
  type UserRole,
} from "./generated/prisma/client";
export type { AdminUserError, AdminUserRepository, AdminUserResult, UserSummary } from "./repositories/admin-users";
export type { InstanceRepository, InstanceSettingsView, SignupEligibility } from "./repositories/instance";
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
export type { LiveMeeting, ParticipantRepository, RecordJoinInput } from "./repositories/participants";
export type { AppendChatInput, ChatRepository } from "./repositories/chat";
