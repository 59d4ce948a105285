-- AlterTable
ALTER TABLE "participant" ADD COLUMN     "quality" JSONB;
