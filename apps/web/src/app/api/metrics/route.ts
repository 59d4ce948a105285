import { env } from "@/env";
import { db } from "@/server/db";
import { metricsAuthorized, renderMetrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

/** GET /api/metrics (Prometheus): only with `Authorization: Bearer $METRICS_TOKEN`; 404 when no token is set. */
export async function GET(request: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  if (!metricsAuthorized(request.headers.get("authorization"), token)) {
    return Response.json({ error: { code: "unauthorized", message: "A metrics token is required." } }, { status: 401 });
  }
  const { contentType, body } = await renderMetrics(db());
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
