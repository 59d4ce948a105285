"use client";
import type { ChatMessage } from "@parley/protocol";
import { SendHorizontal } from "lucide-react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

export function ChatPanel({ messages, selfId, onSend }: { messages: readonly ChatMessage[]; selfId: string | null; onSend: (body: string) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages.length]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem("message") as HTMLInputElement;
    const body = input.value.trim();
    if (!body) return;
    try {
      await onSend(body);
      input.value = "";
      setError(null);
    } catch {
      setError("Message not sent. Try again.");
    }
  }

  return (
    <div className="flex h-full flex-col">
      <ol ref={listRef} className="flex-1 space-y-3 overflow-y-auto p-4" aria-live="polite" aria-label="Chat messages" data-testid="chat-messages">
        {messages.length === 0 && <li className="text-sm text-slate-500">No messages yet.</li>}
        {messages.map((m) => (
          <li key={m.id} className="text-sm" data-testid="chat-message">
            <p className="text-xs text-slate-500">
              <span className="font-medium text-slate-700">{m.senderId === selfId ? "You" : m.senderName}</span>{" "}
              <time dateTime={m.sentAt}>{new Date(m.sentAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}</time>
            </p>
            <p className="break-words whitespace-pre-wrap text-slate-900">{m.body}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="flex gap-2 border-t border-slate-200 p-3">
        <label htmlFor="chat-input" className="sr-only">
          Message everyone
        </label>
        <input id="chat-input" name="message" maxLength={2000} autoComplete="off" placeholder="Message everyone" className="h-10 min-w-0 flex-1 rounded-md border border-slate-300 px-3 text-sm" />
        <Button type="submit" size="icon" aria-label="Send message">
          <SendHorizontal aria-hidden />
        </Button>
      </form>
      {error && (
        <p role="alert" className="px-3 pb-2 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
