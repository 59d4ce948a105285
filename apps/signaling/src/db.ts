import type { MeetingStatus } from "@parley/db";
import type { QualityTotals } from "@parley/db/quality";

/**
 * The slice of @parley/db the signaling service uses. Structural, so `createDb(url)` satisfies it as is
 * and the service depends on what it calls, not on Prisma's types.
 */
export interface MeetingForCall {
  id: string;
  title: string;
  hostId: string;
  status: MeetingStatus;
  lobbyEnabled: boolean;
  /** "SFU": the media server from the first participant on (absent in rooms stored by older versions: "AUTO"). */
  mediaMode?: "AUTO" | "SFU";
  passcodeHash: string | null;
}

export interface StoredChatMessage {
  id: string;
  participantId: string | null;
  senderName: string;
  body: string;
  createdAt: Date;
}

export interface StoredRecording {
  id: string;
  startedAt: Date;
}

export interface SignalingDb {
  prisma: { $queryRawUnsafe(query: string): Promise<unknown> };
  meetings: { findById(id: string): Promise<MeetingForCall | null> };
  participants: {
    recordJoin(input: {
      meetingId: string;
      userId?: string;
      guestId?: string;
      displayName: string;
      role: "HOST" | "GUEST";
    }): Promise<{ id: string }>;
    recordLeave(id: string, at?: Date): Promise<unknown>;
    /** Adds call-quality totals to an attendance record. */
    recordQuality(id: string, totals: QualityTotals): Promise<boolean>;
  };
  chat: {
    append(input: {
      meetingId: string;
      participantId?: string;
      senderName: string;
      body: string;
    }): Promise<StoredChatMessage>;
    /** Oldest first. */
    history(meetingId: string, limit: number): Promise<StoredChatMessage[]>;
  };
  recordings: {
    /** Throws DbError("conflict") while one is running for the meeting. */
    start(input: { meetingId: string; occurrenceStart: Date; startedById?: string | null; startedByName: string }): Promise<StoredRecording>;
    /** RECORDING → PROCESSING with its compose job queued (the web app's worker composes it); null when it was not running. */
    stop(id: string, input: { stoppedById?: string | null; stoppedByName: string; at?: Date }): Promise<StoredRecording | null>;
    /** Deletes a recording whose start was refused (still RECORDING, nothing recorded). */
    cancel(id: string): Promise<boolean>;
  };
}
