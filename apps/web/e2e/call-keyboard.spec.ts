import { expect, test, type Page } from "@playwright/test";
import { LIMITS } from "@parley/protocol";
import { enterWithoutCamera, expectAccessible, guestPage, hostWithInstantMeeting } from "./call-helpers";

test.describe.configure({ timeout: 180_000 });

const chatButton = (page: Page) => page.getByRole("button", { name: /^Chat(, \d+ unread)?$/ });
const chatField = (page: Page) => page.getByRole("textbox", { name: "Message everyone" });
const chatPanel = (page: Page) => page.getByRole("complementary", { name: "Chat" });

test("keyboard shortcuts drive the call, and the chat takes focus, counts unread messages, links safely and refuses what is too long", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Hana Host");
  await enterWithoutCamera(host, path);
  const guest = await guestPage(browser);
  await enterWithoutCamera(guest.page, path, "Gus Guest");
  const hostOnGuest = guest.page.getByTestId("remote-tile").filter({ hasText: "Hana Host" });
  await expect(hostOnGuest).toHaveAttribute("data-muted", "false");

  // Each control names its shortcut, in its tooltip and for assistive technology.
  const mic = host.getByRole("button", { name: "Turn off microphone" });
  await expect(mic).toHaveAttribute("aria-keyshortcuts", "M");
  await expect(mic).toHaveAttribute("title", "Turn off microphone (M)");
  await expect(host.getByRole("button", { name: "Leave" })).toHaveAttribute("aria-keyshortcuts", "Control+Shift+L Meta+Shift+L");
  await expect(chatButton(host)).toHaveAttribute("title", "Chat (C)");

  // m mutes and unmutes: the other page sees it.
  await host.keyboard.press("m");
  await expect(host.getByRole("button", { name: "Turn on microphone" })).toBeVisible();
  await expect(hostOnGuest).toHaveAttribute("data-muted", "true");
  await host.keyboard.press("m");
  await expect(hostOnGuest).toHaveAttribute("data-muted", "false");

  // v turns the camera on (the other page gets video) and off again.
  await host.keyboard.press("v");
  await expect(host.getByRole("button", { name: "Turn off camera" })).toBeVisible();
  await expect(hostOnGuest.locator("video")).toBeVisible({ timeout: 30_000 });
  await host.keyboard.press("v");
  await expect(host.getByRole("button", { name: "Turn on camera" })).toBeVisible();
  await expect(hostOnGuest.locator("video")).toHaveCount(0);

  // With a modifier a letter is no shortcut: Shift+M, Alt+M leave the microphone alone. Keys are handled in order,
  // so once the hand (h) shows, the earlier presses have been handled too.
  await host.keyboard.press("Shift+M");
  await host.keyboard.press("Alt+m");
  await host.keyboard.press("h");
  await expect(hostOnGuest.getByLabel("Hand raised")).toBeVisible();
  await expect(host.getByRole("button", { name: "Lower hand" })).toHaveAttribute("aria-pressed", "true");
  await expect(hostOnGuest).toHaveAttribute("data-muted", "false");
  await host.keyboard.press("h");
  await expect(hostOnGuest.getByLabel("Hand raised")).toHaveCount(0);

  // c opens the chat with focus in the message field; letters typed there are text, not shortcuts.
  await host.keyboard.press("c");
  await expect(chatPanel(host)).toBeVisible();
  await expect(chatField(host)).toBeFocused();
  await host.keyboard.type("mvhc?");
  await expect(chatField(host)).toHaveValue("mvhc?");
  await expect(chatPanel(host)).toBeVisible();
  await expect(host.getByRole("dialog")).toHaveCount(0);
  await expect(host.getByRole("button", { name: "Turn off microphone" })).toBeVisible();
  await expect(host.getByRole("button", { name: "Raise hand" })).toBeVisible();
  await expect(hostOnGuest).toHaveAttribute("data-muted", "false");
  await expectAccessible(host); // the chat panel, open
  // Esc closes it and gives focus back to the chat button.
  await host.keyboard.press("Escape");
  await expect(chatPanel(host)).toHaveCount(0);
  await expect(chatButton(host)).toBeFocused();

  // ? lists the shortcuts in a dialog; keys do nothing else while it is open; Esc closes it.
  await host.keyboard.press("Shift+?");
  const dialog = host.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  for (const text of ["Turn your microphone on or off", "Turn your camera on or off", "Raise or lower your hand", "Open or close the chat", "Leave the meeting"]) {
    await expect(dialog.getByText(text)).toBeVisible();
  }
  await expect(dialog.locator("kbd")).toContainText(["M", "V", "H", "C", "Ctrl", "Shift", "L", "?"]);
  await expect(dialog).toContainText("Ctrl");
  await expectAccessible(host); // the shortcuts dialog
  await host.keyboard.press("m");
  await host.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(host.getByRole("button", { name: "Turn off microphone" })).toBeVisible();

  // Single-key shortcuts can be turned off there (WCAG 2.1.4), and on again.
  await host.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await dialog.getByRole("checkbox", { name: /Single-key shortcuts/ }).uncheck();
  await host.keyboard.press("Escape");
  await expect(host.getByRole("button", { name: "Turn off microphone" })).not.toHaveAttribute("aria-keyshortcuts");
  await expect(host.getByRole("button", { name: "Turn off microphone" })).toHaveAttribute("title", "Turn off microphone");
  await host.keyboard.press("m");
  await host.keyboard.press("Shift+?");
  await host.getByRole("button", { name: "Raise hand" }).click();
  await expect(hostOnGuest.getByLabel("Hand raised")).toBeVisible();
  await expect(hostOnGuest).toHaveAttribute("data-muted", "false");
  await expect(dialog).toHaveCount(0);
  await host.getByRole("button", { name: "Lower hand" }).click();
  await host.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await dialog.getByRole("checkbox", { name: /Single-key shortcuts/ }).check();
  await host.keyboard.press("Escape");
  await expect(hostOnGuest.getByLabel("Hand raised")).toHaveCount(0);

  // Messages from the other page while the chat is closed: an unread count on the button, cleared on opening.
  await guest.page.keyboard.press("c");
  await expect(chatField(guest.page)).toBeFocused();
  await guest.page.keyboard.type("see https://example.com/x and <b>bold</b>");
  await guest.page.keyboard.press("Enter");
  await expect(chatField(guest.page)).toHaveValue("");
  await chatField(guest.page).fill("second");
  await guest.page.getByRole("button", { name: "Send message" }).click();
  await expect(host.getByRole("button", { name: "Chat, 2 unread" })).toBeVisible();
  await expect(chatButton(host).getByTestId("badge")).toHaveText("2");
  await host.keyboard.press("c");
  await expect(chatButton(host)).toHaveAccessibleName("Chat");
  await expect(chatButton(host).getByTestId("badge")).toHaveCount(0);

  // The link is an anchor that opens safely; the markup stays text.
  const message = host.getByTestId("chat-message").filter({ hasText: "see https://example.com/x" });
  await expect(message.getByRole("link")).toHaveCount(1);
  const link = message.getByRole("link", { name: "https://example.com/x" });
  await expect(link).toHaveAttribute("href", "https://example.com/x");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(message).toContainText("see https://example.com/x and <b>bold</b>");
  await expect(message.locator("b")).toHaveCount(0);

  // Near the limit a counter shows what is left; over it the message is kept whole and refused with a word.
  const max = LIMITS.chatBodyMaxLength;
  const counter = host.getByTestId("chat-length");
  await chatField(host).fill("x".repeat(max - 300));
  await expect(counter).toHaveCount(0);
  await chatField(host).fill("x".repeat(max - 150));
  await expect(counter).toHaveText("150 characters left");
  await chatField(host).fill("y".repeat(max + 5));
  await expect(chatField(host)).toHaveValue("y".repeat(max + 5)); // not cut
  await expect(counter).toHaveText("5 over the limit");
  await expect(chatPanel(host).getByRole("alert")).toContainText(`5 characters too many: a message can have at most ${max.toLocaleString("en")} characters.`);
  await expect(chatField(host)).toHaveAttribute("aria-invalid", "true");
  await expect(host.getByRole("button", { name: "Send message" })).toBeDisabled();
  await chatField(host).press("Enter");
  await expect(host.getByTestId("chat-message")).toHaveCount(2);
  // Exactly the limit goes through, whole, to the other page.
  await chatField(host).press("Backspace");
  await chatField(host).press("Backspace");
  await chatField(host).press("Backspace");
  await chatField(host).press("Backspace");
  await chatField(host).press("Backspace");
  await expect(counter).toHaveText("0 characters left");
  await chatField(host).press("Enter");
  await expect(chatField(host)).toHaveValue("");
  await expect(guest.page.getByTestId("chat-message").last()).toContainText("y".repeat(max));

  // Ctrl+Shift+L leaves (a plain l does not).
  await guest.page.getByRole("button", { name: "Close chat" }).click();
  await guest.page.keyboard.press("l");
  await expect(guest.page.getByTestId("in-call")).toBeVisible();
  await guest.page.keyboard.press("ControlOrMeta+Shift+L");
  await expect(guest.page.getByText("You left the meeting")).toBeVisible();
  await expect(host.getByTestId("participant-count")).toHaveText("1 in call");
  await guest.context.close();
});
