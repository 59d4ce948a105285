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
  type MailMessage,
  type Participant,
  type Recording,
  RecordingState,
  type RsvpStatus,
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
  JobsFor,
  MeetingChange,
  MeetingDetails,
  MeetingPatch,
  MeetingRepository,
  MeetingWithInvitees,
  OccurrenceChange,
  RsvpError,
  RsvpResult,
} from "./repositories/meetings";
export type { QueuedJob } from "./jobs/queued-job";
export type { JobStat } from "./jobs/job-stats";
export type { MailRepository, OutboxMessage, RecordMailInput } from "./repositories/mail";
export type { CalendarFeedRepository } from "./repositories/calendar-feeds";
export type { LiveMeeting, ParticipantRepository, RecordJoinInput, TimeWindow } from "./repositories/participants";
export type { AppendChatInput, ChatRepository } from "./repositories/chat";
export type { RecordingReadyInput, RecordingRepository, StartRecordingInput, StopRecordingInput } from "./repositories/recordings";
export { RECORDING_COMPOSE_TASK, recordingComposeJob } from "./repositories/recordings";
