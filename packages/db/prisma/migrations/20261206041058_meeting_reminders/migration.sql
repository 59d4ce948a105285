-- AlterTable
ALTER TABLE "meeting" ADD COLUMN     "reminderMinutes" INTEGER DEFAULT 10;
