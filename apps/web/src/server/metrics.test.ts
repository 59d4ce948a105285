import { describe, expect, it } from "vitest";
import { metricsAuthorized, renderMetrics } from "./metrics";

describe("web metrics", () => {
  it("needs the exact bearer token, and nothing works without a configured one", () => {
    const token = "m".repeat(24);
    expect(metricsAuthorized(`Bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorized(token, token)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsAuthorized(null, token)).toBe(false);
    expect(metricsAuthorized("Bearer ", undefined)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}`, undefined)).toBe(false);
  });

  it("renders per-task job states and mail per transport in the Prometheus text format", async () => {
    const { body, contentType } = await renderMetrics({
      jobs: { add: () => Promise.resolve(), stats: () => Promise.resolve([{ task: "meeting_mail", waiting: 2, retrying: 1, failed: 0 }]) },
      mail: { countByTransport: () => Promise.resolve({ SMTP: 5, OUTBOX: 0 }) } as never,
    });
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('parley_web_jobs{task="meeting_mail",state="waiting"} 2');
    expect(body).toContain('parley_web_jobs{task="meeting_mail",state="retrying"} 1');
    expect(body).toContain('parley_web_mail_messages{transport="smtp"} 5');
  });
});
