import { expect, test, type Locator } from "@playwright/test";
import { enterMeeting, expectInCall, expectVideoFlowing, guestPage, hostWithInstantMeeting } from "./call-helpers";

test.describe.configure({ timeout: 240_000 });

const SLOW = { timeout: 60_000 };

/** The value cell of one stats row. */
const statValue = (panel: Locator, key: string) => panel.getByTestId(`stat-${key}`).locator("dd");

test("a live two-party call shows connection stats for the remote participant, and the meeting record keeps a quality line per person", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Stella Stats");
  await enterMeeting(host, path);
  await expectInCall(host);
  const ada = await guestPage(browser);
  await enterMeeting(ada.page, path, "Ada Metric");
  await expectInCall(ada.page);
  await expectVideoFlowing(host, 1);

  const tile = host.getByTestId("remote-tile");
  await tile.hover();
  await tile.getByRole("button", { name: "Connection stats for Ada Metric" }).click();
  const panel = host.getByRole("region", { name: "Connection stats for Ada Metric" });
  await expect(panel).toBeVisible();
  // Non-zero values measured from the live call (refreshed every second).
  await expect(statValue(panel, "resolution")).toHaveText(/^[1-9]\d*×[1-9]\d*$/, SLOW);
  await expect(statValue(panel, "fps")).toHaveText(/^[1-9]\d* fps$/, SLOW);
  await expect(statValue(panel, "bitrate-in")).toHaveText(/^(?:[1-9]\d* kbit\/s|\d+\.\d+ Mbit\/s)$/, SLOW);
  await expect(statValue(panel, "bitrate-out")).toHaveText(/^(?:[1-9]\d* kbit\/s|\d+\.\d+ Mbit\/s)$/, SLOW);
  await expect(statValue(panel, "rtt")).toHaveText(/^\d+ ms$/, SLOW);
  await expect(statValue(panel, "video-codec")).toHaveText(/^(VP8|VP9|H264|AV1)$/i);
  await expect(statValue(panel, "audio-codec")).toHaveText(/^opus$/i);
  await expect(statValue(panel, "loss")).toHaveText(/^\d+\.\d %$/);
  await expect(statValue(panel, "connection")).toHaveText(/^(Direct|Relayed \(TURN\)) \(\w+ → \w+\)$/);
  await expect(panel.getByTestId("stat-sfu-layer")).toHaveCount(0); // a mesh call: no SFU layer
  await panel.getByRole("button", { name: "Close connection stats" }).click();
  await expect(panel).toBeHidden();

  // Both browsers report every 5 s: stay for two reports, then leave (leaving also writes what is pending).
  await host.waitForTimeout(11_000);
  await ada.page.getByRole("button", { name: "Leave" }).click();
  await expect(ada.page.getByTestId("call-ended")).toBeVisible(SLOW);
  await ada.context.close();
  await host.getByRole("button", { name: "Leave" }).click();
  await host.getByRole("menuitem", { name: "Leave meeting" }).click();
  await expect(host.getByTestId("call-ended")).toBeVisible(SLOW);

  await host.goto("/dashboard");
  await host.getByRole("link", { name: /Record of/ }).first().click();
  await expect(host).toHaveURL(/\/meetings\/[0-9a-f-]{36}\/record$/, SLOW);
  const rows = host.getByTestId("attendee");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row.getByTestId("attendee-quality")).toHaveText(/RTT \d+ ms · loss \d+\.\d % · .*(kbit|Mbit)\/s in · (direct|relayed)/);
  }
  await expect(rows.first().getByTestId("attendee-quality")).toContainText("first video");
});
