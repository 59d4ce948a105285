-- CreateEnum
CREATE TYPE "RecordingState" AS ENUM ('RECORDING', 'PROCESSING', 'READY', 'FAILED');

-- CreateTable
CREATE TABLE "recording" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "occurrenceStart" TIMESTAMP(3) NOT NULL,
    "state" "RecordingState" NOT NULL DEFAULT 'RECORDING',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "startedById" TEXT,
    "startedByName" TEXT NOT NULL,
    "stoppedById" TEXT,
    "stoppedByName" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "sizeBytes" BIGINT,
    "fileName" TEXT,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "recording_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "recording_meetingId_startedAt_idx" ON "recording"("meetingId", "startedAt");

-- AddForeignKey
ALTER TABLE "recording" ADD CONSTRAINT "recording_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: at most one recording running per meeting (a second start is a conflict, atomically), and sane values.
CREATE UNIQUE INDEX "recording_one_running_per_meeting" ON "recording"("meetingId") WHERE "state" = 'RECORDING';
ALTER TABLE "recording" ADD CONSTRAINT "recording_progress_check" CHECK ("progress" BETWEEN 0 AND 100);
