import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { formAlert, PASSWORD, signIn, signOut, signUp, uniqueEmail } from "./helpers";

const MEETING_ZONE = "Europe/Berlin";
const VIEWER_ZONE = "America/New_York";

/** The Monday three weeks before Berlin's next daylight-saving change: a weekly series from it crosses both
 *  New York's and Berlin's change, so the viewer's local time moves (03:00 → 04:00 → 03:00). */
function seriesAcrossDst() {
  let day = DateTime.now().setZone(MEETING_ZONE).startOf("day").plus({ days: 1 });
  while (day.plus({ days: 1 }).offset === day.offset) day = day.plus({ days: 1 });
  const change = day.plus({ days: 1 });
  let monday = change.minus({ weeks: 3 }).startOf("week");
  if (monday <= DateTime.now()) monday = monday.plus({ weeks: 52 }); // not enough runway: a year later
  const starts = [0, 1, 2, 3].map((w) => monday.plus({ weeks: w }).set({ hour: 9, minute: 0 }));
  return { firstDate: monday.toISODate()!, starts };
}

test.use({ timezoneId: VIEWER_ZONE });

test("sign up, sign out, sign in, schedule across DST, .ics, guest opens the join link", async ({ page, browser }) => {
  const email = uniqueEmail("host");
  await signUp(page, "Ada Host", email);
  await expect(page.getByRole("heading", { name: "Meetings" })).toBeVisible();
  await expect(page.getByText(`Times shown in ${VIEWER_ZONE.replace("_", " ")}`)).toBeVisible();

  // A second sign-up with the same email is refused with a clear message.
  await signOut(page);
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Impostor");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formAlert(page)).toHaveText(/already exists/);

  // A wrong password and an unknown email read the same (no account enumeration).
  await signIn(page, email, "wrong password 123");
  await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  await signIn(page, uniqueEmail("nobody"), "wrong password 123");
  await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/dashboard/);

  // Schedule a weekly meeting in Berlin that crosses the DST changes.
  const { firstDate, starts } = seriesAcrossDst();
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await page.getByLabel("Title").fill("Weekly planning");
  await page.getByLabel("Date").fill(firstDate);
  await page.getByLabel("Starts").fill("09:00");
  await page.getByLabel("Ends", { exact: true }).fill("08:30");
  await page.getByLabel("Time zone").selectOption(MEETING_ZONE);
  await page.getByLabel("Frequency").selectOption("weekly");
  await page.getByRole("group", { name: "Days of the week" }).getByLabel("Mon").check();
  await page.getByLabel("Series ends").selectOption("count");
  await page.getByLabel("Number of meetings").fill("4");
  await page.getByLabel("Invitees (optional)").fill("bob@example.org, cy@example.org");
  // A generated passcode is long enough to resist guessing; this meeting then goes without one.
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByLabel("Passcode (optional)")).toHaveValue(/^[A-Za-z2-9]{10}$/);
  await page.getByLabel("Passcode (optional)").fill("");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  // End before start is refused, and the form keeps what was typed.
  await expect(page.getByText("End must be after start")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Weekly planning");
  await page.getByLabel("Ends", { exact: true }).fill("09:45");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page).toHaveURL(/\/dashboard\?scheduled=/);

  // The dashboard lists each occurrence at the viewer's local time.
  const times = page.getByTestId("occurrence-time");
  await expect(times).toHaveCount(4);
  const expected = starts.map((s) => {
    const local = s.setZone(VIEWER_ZONE);
    return `${local.toFormat("ccc d LLL yyyy")} · ${local.toFormat("HH:mm")}–${local.plus({ minutes: 45 }).toFormat("HH:mm")}`;
  });
  await expect(times).toHaveText(expected);
  expect(new Set(expected.map((e) => e.split(" · ")[1])).size).toBeGreaterThan(1); // the local hour really moves

  // The calendar invite parses with an independent parser and yields the same instants.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download calendar invite for Weekly planning" }).first().click(),
  ]);
  const ics = await readFile((await download.path())!, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent("vtimezone")!));
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  const occurrences: string[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && occurrences.length < 10; next = iterator.next()) {
    occurrences.push(next.toJSDate().toISOString());
  }
  expect(occurrences).toEqual(starts.map((s) => s.toUTC().toISO({ suppressMilliseconds: false })));
  expect(String(event.component.getFirstPropertyValue("url"))).toMatch(/\/m\/[a-z]{4}-[a-z]{4}-[a-z]{4}$/);

  // A guest opens the join link in a separate browser context.
  const joinPath = await page.getByRole("button", { name: "Copy link" }).first().getAttribute("data-join-link");
  const guestContext = await browser.newContext({ timezoneId: MEETING_ZONE });
  const guest = await guestContext.newPage();
  await guest.goto(joinPath!);
  await expect(guest.getByTestId("meeting-title")).toHaveText("Weekly planning");
  await expect(guest.getByTestId("meeting-host")).toHaveText("Ada Host");
  await expect(guest.getByTestId("meeting-when")).toContainText("09:00–09:45");
  await guest.getByLabel("Your name").fill("Grace Guest");
  await guest.getByRole("button", { name: "Join", exact: true }).click();
  await expect(guest.getByTestId("in-call")).toHaveAttribute("data-call-state", "connected");
  await guestContext.close();
});

test("unknown and cancelled meeting links say so", async ({ page }) => {
  const unknown = await page.goto("/m/aaaa-bbbb-cccc");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Meeting not found" })).toBeVisible();
  expect((await page.goto("/m/not-a-slug"))?.status()).toBe(404);

  await signUp(page, "Cancel Host", uniqueEmail("cancel"));
  await page.getByRole("button", { name: "Start an instant meeting" }).click();
  await expect(page).toHaveURL(/\/m\/[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
  const joinUrl = page.url();
  await page.goto("/dashboard");
  await page.getByRole("button", { name: /^Cancel / }).first().click();
  await page.getByRole("button", { name: "Cancel meeting" }).click();
  await expect(page.getByTestId("past-meeting").first()).toContainText("Cancelled");
  await page.goto(joinUrl);
  await expect(page.getByRole("heading", { name: "This meeting was cancelled" })).toBeVisible();
});

test("the join page knows the schedule: not yet started, ended, and an instant call that is over leaves Upcoming", async ({ page, browser }) => {
  await signUp(page, "Tim Timely", uniqueEmail("timely"));
  const scheduleOn = async (title: string, date: string) => {
    await page.goto("/meetings/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Date").fill(date);
    await page.getByLabel("Starts").fill("10:00");
    await page.getByLabel("Ends", { exact: true }).fill("10:30");
    await page.getByRole("button", { name: "Schedule meeting" }).click();
    await expect(page).toHaveURL(/\/dashboard\?scheduled=/, { timeout: 45_000 });
  };
  const inDays = (days: number) => DateTime.now().setZone(VIEWER_ZONE).plus({ days }).toISODate()!;

  // Next week: everyone learns when it starts; guests may join and wait, the host may start early.
  await scheduleOn("Later sync", inDays(7));
  const later = await page.getByTestId("upcoming-meeting").filter({ hasText: "Later sync" }).getByRole("link", { name: "Join" }).getAttribute("href");
  const guestContext = await browser.newContext({ timezoneId: VIEWER_ZONE });
  const guest = await guestContext.newPage();
  await guest.goto(later!);
  await expect(guest.getByTestId("meeting-schedule")).toHaveText(/^Starts in (6|7) days\. You can join now and wait for the others\.$/);
  await expect(guest.getByRole("button", { name: "Join", exact: true })).toBeVisible();
  await page.goto(later!);
  await expect(page.getByTestId("meeting-schedule")).toContainText("You can start it early");

  // Yesterday's one-off meeting is over: guests are told so; its host may still open it.
  await scheduleOn("Old sync", inDays(-1));
  const oldPath = `/m/${new URL(page.url()).searchParams.get("scheduled")}`;
  await expect(page.getByTestId("past-meeting").filter({ hasText: "Old sync" })).toBeVisible();
  await guest.goto(oldPath);
  await expect(guest.getByRole("heading", { name: "This meeting has ended" })).toBeVisible();
  await expect(guest.getByRole("button", { name: "Join", exact: true })).toHaveCount(0);
  await page.goto(oldPath);
  await expect(page.getByTestId("meeting-schedule")).toHaveText("This meeting has ended. As its host you can still open it.");
  await guestContext.close();

  // An instant call its host has left is no longer "Upcoming".
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Start an instant meeting" }).click();
  await expect(page).toHaveURL(/\/m\/[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByTestId("in-call")).toHaveAttribute("data-call-state", "connected");
  await page.getByRole("button", { name: "Leave" }).click();
  await page.getByRole("menuitem", { name: "Leave meeting" }).click();
  await expect(page.getByTestId("call-ended")).toBeVisible();
  // The leave is recorded by signaling a moment later: look again until the dashboard has it.
  await expect
    .poll(
      async () => {
        await page.goto("/dashboard");
        return page.getByTestId("upcoming-meeting").filter({ hasText: "Tim Timely's meeting" }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(0);
  await expect(page.getByTestId("past-meeting").filter({ hasText: "Tim Timely's meeting" })).toBeVisible();
});
