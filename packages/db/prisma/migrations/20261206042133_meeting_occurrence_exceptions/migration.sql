-- CreateTable
CREATE TABLE "meeting_exception" (
    "meetingId" UUID NOT NULL,
    "originalStart" TIMESTAMP(3) NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "startsAt" TIMESTAMP(3),
    "durationMinutes" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_exception_pkey" PRIMARY KEY ("meetingId","originalStart")
);

-- AddForeignKey
ALTER TABLE "meeting_exception" ADD CONSTRAINT "meeting_exception_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
