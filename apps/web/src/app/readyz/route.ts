import { db } from "@/server/db";

export const dynamic = "force-dynamic";

/** Readiness: the database answers. */
export async function GET() {
  try {
    await db().prisma.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable", checks: { database: "down" } }, { status: 503 });
  }
}
