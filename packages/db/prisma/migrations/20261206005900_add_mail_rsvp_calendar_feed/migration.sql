-- CreateEnum
CREATE TYPE "RsvpStatus" AS ENUM ('NEEDS_ACTION', 'ACCEPTED', 'TENTATIVE', 'DECLINED');

-- CreateEnum
CREATE TYPE "MailTransport" AS ENUM ('SMTP', 'OUTBOX');

-- AlterTable
ALTER TABLE "meeting" ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "invitee" ADD COLUMN     "respondedAt" TIMESTAMP(3),
ADD COLUMN     "rsvp" "RsvpStatus" NOT NULL DEFAULT 'NEEDS_ACTION';

-- CreateTable
CREATE TABLE "mail_message" (
    "id" UUID NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "transport" "MailTransport" NOT NULL,
    "textBody" TEXT,
    "htmlBody" TEXT,
    "calendar" TEXT,
    "meetingId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_feed" (
    "userId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_feed_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "mail_message_dedupeKey_key" ON "mail_message"("dedupeKey");

-- CreateIndex
CREATE INDEX "mail_message_recipient_createdAt_idx" ON "mail_message"("recipient", "createdAt");

-- CreateIndex
CREATE INDEX "mail_message_meetingId_idx" ON "mail_message"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feed_token_key" ON "calendar_feed"("token");

-- AddForeignKey
ALTER TABLE "mail_message" ADD CONSTRAINT "mail_message_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
