-- CreateEnum
CREATE TYPE "MediaMode" AS ENUM ('AUTO', 'SFU');

-- AlterTable
ALTER TABLE "meeting" ADD COLUMN     "mediaMode" "MediaMode" NOT NULL DEFAULT 'AUTO';
