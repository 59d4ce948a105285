-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('MEMBER', 'ADMIN');

-- CreateEnum
CREATE TYPE "SignupMode" AS ENUM ('OPEN', 'INVITE', 'CLOSED');

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "role" "UserRole" NOT NULL DEFAULT 'MEMBER';

-- CreateTable
CREATE TABLE "instance_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "signupMode" "SignupMode",
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "instance_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signup_invitation" (
    "email" TEXT NOT NULL,
    "invitedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signup_invitation_pkey" PRIMARY KEY ("email")
);

-- Hand-written below (Prisma cannot express these).

-- instance_settings holds exactly one row.
ALTER TABLE "instance_settings" ADD CONSTRAINT "instance_settings_singleton" CHECK ("id" = 1);
INSERT INTO "instance_settings" ("id", "updatedAt") VALUES (1, CURRENT_TIMESTAMP);

-- Invitations are matched against better-auth's lower-cased emails.
ALTER TABLE "signup_invitation" ADD CONSTRAINT "signup_invitation_email_lower" CHECK ("email" = lower("email"));

-- An existing installation gets its oldest account as administrator.
UPDATE "user" SET "role" = 'ADMIN'
WHERE "id" = (SELECT "id" FROM "user" ORDER BY "createdAt", "id" LIMIT 1);

-- The first account becomes the administrator. Decided inside the inserting transaction: the advisory lock makes
-- concurrent first sign-ups wait for each other, and each then sees the accounts committed before it (READ
-- COMMITTED takes a fresh snapshot per statement), so two simultaneous first sign-ups yield exactly one ADMIN.
CREATE FUNCTION "parley_first_user_is_admin"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('parley:first-admin'));
  IF NOT EXISTS (SELECT 1 FROM "user") THEN
    NEW."role" := 'ADMIN';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "user_first_is_admin" BEFORE INSERT ON "user"
FOR EACH ROW EXECUTE FUNCTION "parley_first_user_is_admin"();
