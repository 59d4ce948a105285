-- DropIndex
DROP INDEX "chat_message_meetingId_createdAt_idx";

-- AlterTable
ALTER TABLE "chat_message" ADD COLUMN     "seq" SERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "chat_message_meetingId_createdAt_seq_idx" ON "chat_message"("meetingId", "createdAt", "seq");
