"use client";
import type { ChatMessage } from "@parley/protocol";
import { LIMITS } from "@parley/protocol";
import { SendHorizontal } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { chatLength } from "../chat-length";
import { chatRemainingMessage, chatTooLongMessage } from "../messages";
import { ChatMessageBody } from "./chat-message-body";

/**
 * The chat: messages, and a field that takes focus when the panel opens. Enter sends, Shift+Enter adds a line.
 * A draft over the protocol's limit is kept whole and refused with a word, not cut (the server checks it again).
 */
export function ChatPanel({ messages, selfId, onSend }: { messages: readonly ChatMessage[]; selfId: string | null; onSend: (body: string) => Promise<void> }) {
  const t = useTranslations("chat");
  const tm = useTranslations("callMessages");
  const locale = useLocale();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const length = chatLength(draft);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages.length]);
  useEffect(() => fieldRef.current?.focus(), []);

  async function send() {
    const body = draft.trim();
    if (!body || length.overLimit) return;
    try {
      await onSend(body);
      setDraft("");
      setError(null);
    } catch {
      setError(t("notSent"));
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send();
  }

  function sendOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    // NOTE: Enter while an IME composes a word confirms the word; it must not send a half-typed message.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  }

  return (
    <div className="flex h-full flex-col">
      <ol ref={listRef} className="flex-1 space-y-3 overflow-y-auto p-4" aria-live="polite" aria-label={t("messages")} data-testid="chat-messages">
        {messages.length === 0 && <li className="text-sm text-slate-500">{t("empty")}</li>}
        {messages.map((m) => (
          <li key={m.id} className="text-sm" data-testid="chat-message">
            <p className="text-xs text-slate-500">
              <span className="font-medium text-slate-700">{m.senderId === selfId ? t("you") : m.senderName}</span>{" "}
              <time dateTime={m.sentAt}>{new Date(m.sentAt).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })}</time>
            </p>
            <ChatMessageBody body={m.body} />
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="border-t border-slate-200 p-3">
        <div className="flex items-end gap-2">
          <label htmlFor="chat-input" className="sr-only">
            {t("placeholder")}
          </label>
          <textarea
            ref={fieldRef}
            id="chat-input"
            name="message"
            rows={1}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={sendOnEnter}
            autoComplete="off"
            placeholder={t("placeholder")}
            aria-invalid={length.overLimit || undefined}
            aria-describedby={length.nearLimit ? "chat-length" : undefined}
            className={cn(
              "field-sizing-content max-h-32 min-h-10 min-w-0 flex-1 resize-none rounded-md border px-3 py-2 text-sm",
              length.overLimit ? "border-red-600 outline-red-600" : "border-slate-300",
            )}
          />
          <Button type="submit" size="icon" aria-label={t("send")} disabled={length.overLimit}>
            <SendHorizontal aria-hidden />
          </Button>
        </div>
        {length.nearLimit && (
          <p id="chat-length" data-testid="chat-length" className={cn("mt-1 text-right text-xs", length.overLimit ? "font-medium text-red-700" : "text-slate-600")}>
            {chatRemainingMessage(tm, length.remaining)}
          </p>
        )}
        {length.overLimit && (
          <p role="alert" className="mt-1 text-xs text-red-700" data-testid="chat-too-long">
            {chatTooLongMessage(tm, -length.remaining, LIMITS.chatBodyMaxLength)}
          </p>
        )}
      </form>
      {error && (
        <p role="alert" className="px-3 pb-2 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
