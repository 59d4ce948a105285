-- AlterTable
ALTER TABLE "invitee" ADD COLUMN     "cohost" BOOLEAN NOT NULL DEFAULT false;
