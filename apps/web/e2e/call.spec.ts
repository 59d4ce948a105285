import { expect, test } from "@playwright/test";
import {
  crashAndRestartSignaling,
  enterMeeting,
  expectAccessible,
  expectInCall,
  expectVideoFlowing,
  guestPage,
  hostWithInstantMeeting,
  openPanel,
  useSignalingNode,
} from "./call-helpers";
import { expectNoCspViolations, watchCsp } from "./csp";
import { signUp, uniqueEmail } from "./helpers";
import { SIGNALING_PORT } from "./ports";

const RECOVERY_BUDGET_MS = 5_000;

test.describe.configure({ timeout: 240_000 });

test("three people meet across two signaling nodes: video, mute, full room, chat history, screen share, node crash, removal", async ({ page: host, browser }) => {
  // Everything below runs under the production Content-Security-Policy; any violation fails the test.
  const hostCsp = await watchCsp(host);
  const path = await hostWithInstantMeeting(host);
  await expect(host.getByRole("button", { name: "Join", exact: true })).toBeEnabled();
  await expectAccessible(host); // pre-join page
  await enterMeeting(host, path);
  await expectInCall(host);

  const ada = await guestPage(browser);
  const bert = await guestPage(browser);
  // Bert talks to the second signaling node; host and Ada to the first (rooms are shared through Redis).
  const adaCsp = await watchCsp(ada.page);
  const bertCsp = await watchCsp(bert.page);
  await useSignalingNode(bert.page, SIGNALING_PORT + 1);
  await enterMeeting(ada.page, path, "Ada Guest");
  await enterMeeting(bert.page, path, "Bert Guest");
  const everyone = [host, ada.page, bert.page];
  for (const page of everyone) await expectInCall(page);
  for (const page of everyone) await expectVideoFlowing(page, 2);
  await expectAccessible(host); // in-call page

  // Mute shows on the other pages.
  await ada.page.getByRole("button", { name: "Turn off microphone" }).click();
  for (const page of [host, bert.page]) {
    await expect(page.getByTestId("remote-tile").filter({ hasText: "Ada Guest" })).toHaveAttribute("data-muted", "true");
  }

  // A fourth person does not fit (ROOM_CAPACITY=3 in the e2e stack).
  const late = await guestPage(browser);
  await enterMeeting(late.page, path, "Late Larry");
  await expect(late.page.locator("form [role=alert]")).toHaveText(/This meeting is full/);
  await late.context.close();

  // Chat reaches everyone and survives a reload.
  await openPanel(bert.page, "Chat");
  await bert.page.getByLabel("Message everyone").fill("Hello from Bert");
  await bert.page.getByRole("button", { name: "Send message" }).click();
  for (const page of [host, ada.page]) {
    await openPanel(page, "Chat");
    await expect(page.getByTestId("chat-message").filter({ hasText: "Hello from Bert" })).toBeVisible();
  }
  // The anchor for the crash recovery below: how long a plain reload and rejoin takes on this machine right now.
  const reloadStartedAt = Date.now();
  await host.reload();
  await enterMeeting(host, path);
  await expectInCall(host);
  const reloadJoinMs = Date.now() - reloadStartedAt;
  await openPanel(host, "Chat");
  await expect(host.getByTestId("chat-message").filter({ hasText: "Hello from Bert" })).toBeVisible();
  await expectVideoFlowing(host, 2);

  // Screen share appears on the others, next to Ada's camera.
  await ada.page.getByRole("button", { name: "Share screen" }).click();
  for (const page of [host, bert.page]) {
    await expect(page.getByTestId("screen-tile")).toBeVisible();
    await expectVideoFlowing(page, 1, "screen");
  }

  // Stopping the share removes it everywhere.
  await ada.page.getByRole("button", { name: "Stop sharing screen" }).click();
  for (const page of [host, bert.page]) await expect(page.getByTestId("screen-tile")).toHaveCount(0);

  // The signaling process crashes and comes back: everyone is back in the room, media flowing.
  // Within 5 s (the bound): resuming needs no database (the room holds the meeting, chat history follows the
  // answer), and the restarted node is listening sooner (bundled build, database client loaded after listening).
  // Measured 1.9–3.8 s with the machine's load average at 11–16. On a machine so loaded that a plain reload and
  // rejoin (the anchor above) takes longer than 2.5 s, the bound is twice that anchor instead: recovering from a crash
  // must never cost more than two page reloads would.
  const budgetMs = Math.max(RECOVERY_BUDGET_MS, 2 * reloadJoinMs);
  const crashedAt = Date.now();
  await crashAndRestartSignaling();
  await Promise.all(
    everyone.map((page, i) =>
      expect
        .poll(
          async () =>
            page.evaluate(() => `${window.parleyCall?.snapshot.state} with ${window.parleyCall?.snapshot.participants.length} others`),
          {
            timeout: budgetMs - (Date.now() - crashedAt),
            intervals: [100],
            message: `page ${i} back in the room within ${budgetMs} ms of the crash (a reload and rejoin took ${reloadJoinMs} ms)`,
          },
        )
        .toBe("connected with 2 others"),
    ),
  );
  const rejoinedMs = Date.now() - crashedAt;
  test.info().annotations.push({ type: "rejoin-after-crash-ms", description: `${rejoinedMs} (anchor: reload and rejoin ${reloadJoinMs})` });
  console.warn(`all pages back in the room ${rejoinedMs} ms after the signaling crash (anchor: one page's reload and rejoin ${reloadJoinMs} ms)`);
  for (const page of everyone) await expectVideoFlowing(page, 2);

  // The host removes Bert (after confirming), and Bert is told why.
  await openPanel(host, "People");
  await host.getByRole("button", { name: "Remove Bert Guest" }).click();
  await host.getByRole("dialog", { name: "Remove Bert Guest?" }).getByRole("button", { name: "Remove and block" }).click();
  await expect(bert.page.getByTestId("call-ended")).toContainText("You were removed from the meeting");
  await expect(bert.page.getByTestId("call-ended")).toContainText("can't join it again");
  await expect(host.getByTestId("remote-tile")).toHaveCount(1);

  expectNoCspViolations(hostCsp, "the host's page");
  expectNoCspViolations(adaCsp, "Ada's page");
  expectNoCspViolations(bertCsp, "Bert's page");
  await ada.context.close();
  await bert.context.close();
});

test("lobby: a guest waits until the host admits them; a locked meeting turns people away", async ({ page: host, browser }) => {
  await signUp(host, "Lobby Host", uniqueEmail("lobby"));
  await host.getByRole("link", { name: "Schedule a meeting" }).click();
  await host.getByLabel("Title").fill("Interviews");
  await host.getByRole("checkbox", { name: /Lobby/ }).check();
  await host.getByRole("button", { name: "Schedule meeting" }).click();
  const path = await host.getByRole("button", { name: "Copy link" }).first().getAttribute("data-join-link");
  await enterMeeting(host, path!);
  await expectInCall(host);

  const guest = await guestPage(browser);
  await enterMeeting(guest.page, path!, "Gina Guest");
  await expect(guest.page.getByTestId("lobby-waiting")).toContainText("Waiting for the host to let you in");
  await expectAccessible(guest.page);

  await expect(host.getByRole("button", { name: "People" })).toContainText("1");
  await openPanel(host, "People");
  await host.getByRole("button", { name: "Admit Gina Guest" }).click();
  await expectInCall(guest.page);
  await expectVideoFlowing(guest.page, 1);
  await expectVideoFlowing(host, 1);

  await host.getByRole("button", { name: "Lock meeting" }).click();
  const late = await guestPage(browser);
  await enterMeeting(late.page, path!, "Locked Out");
  await expect(late.page.locator("form [role=alert]")).toHaveText(/locked this meeting/);
  await late.context.close();
  await guest.context.close();
});
