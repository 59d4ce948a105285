import { expect, test, type Locator, type Page } from "@playwright/test";
import { enterMeeting, expectAccessible, expectInCall, guestPage, hostWithInstantMeeting } from "./call-helpers";

test.describe.configure({ timeout: 240_000 });
// A phone held upright (an iPhone-sized screen, touch).
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

type Box = { x: number; y: number; width: number; height: number };

/** The boxes of the visible buttons of the call's control bar. */
async function controlBoxes(page: Page): Promise<Box[]> {
  return page
    .getByRole("toolbar", { name: "Call controls" })
    .getByRole("button")
    .evaluateAll((buttons) =>
      buttons
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
    );
}

async function expectOneRowOfTouchTargets(page: Page) {
  const boxes = await controlBoxes(page);
  const width = page.viewportSize()!.width;
  expect(boxes.length).toBeGreaterThanOrEqual(5);
  const tops = boxes.map((b) => Math.round(b.y + b.height / 2));
  expect(Math.max(...tops) - Math.min(...tops), `centres of the controls: ${tops.join(", ")}`).toBeLessThanOrEqual(2);
  for (const b of boxes) {
    expect(b.width, `a control ${b.width}×${b.height}`).toBeGreaterThanOrEqual(44);
    expect(b.height).toBeGreaterThanOrEqual(44);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(width);
  }
}

const box = async (locator: Locator) => (await locator.boundingBox())!;

test("on a phone the call fills the screen, the controls are one row of touch targets with a More menu, and landscape works", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Phil Phone");
  await enterMeeting(host, path);
  await expectInCall(host);
  const guest = await guestPage(browser);
  await enterMeeting(guest.page, path, "Dee Desk");
  await expectInCall(guest.page);
  await expect(host.getByTestId("remote-tile")).toHaveCount(1);

  // Two people: two tiles, one above the other, together covering most of the stage (not two small 16:9 tiles
  // in the middle of an empty screen).
  const stage = await box(host.getByRole("region", { name: "Participants' video" }));
  const tiles = await host.getByTestId("call-grid").locator("figure").evaluateAll((figures) => figures.map((f) => f.getBoundingClientRect().toJSON() as DOMRect));
  expect(tiles).toHaveLength(2);
  const covered = tiles.reduce((sum, t) => sum + t.width * t.height, 0);
  expect(covered / (stage.width * stage.height), `tiles ${JSON.stringify(tiles)} in ${JSON.stringify(stage)}`).toBeGreaterThan(0.75);
  expect(tiles[1]!.y).toBeGreaterThan(tiles[0]!.y + tiles[0]!.height - 1);

  await expectOneRowOfTouchTargets(host);
  await expect(host.getByRole("button", { name: "Share screen" })).toBeHidden();
  await expectAccessible(host);

  // What does not fit is in "More": raising a hand from there reaches the other side.
  await host.getByRole("button", { name: "More controls" }).click();
  await expect(host.getByRole("menuitem", { name: "Share screen" })).toBeVisible();
  await expect(host.getByRole("menuitem", { name: "Lock meeting" })).toBeVisible();
  await host.getByRole("menuitem", { name: "Raise hand" }).click();
  await expect(guest.page.getByTestId("remote-tile").getByLabel("Hand raised")).toBeVisible();

  // Turned sideways: still one row, everything in it (no More), both tiles inside the screen.
  await host.setViewportSize({ width: 844, height: 390 });
  await expect(host.getByRole("button", { name: "More controls" })).toBeHidden();
  await expect(host.getByRole("button", { name: "Share screen" })).toBeVisible();
  await expectOneRowOfTouchTargets(host);
  for (const figure of await host.getByTestId("call-grid").locator("figure").all()) {
    const t = await box(figure);
    expect(t.y).toBeGreaterThanOrEqual(0);
    expect(t.y + t.height).toBeLessThanOrEqual(390);
    expect(t.height).toBeGreaterThan(80);
  }
  await guest.context.close();
});
