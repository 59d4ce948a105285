"use client";
import { Loader2, Video } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";

export type JoinMeetingInfo = {
  title: string;
  hostName: string;
  when: string;
  recurrence: string | null;
  hasPasscode: boolean;
  lobbyEnabled: boolean;
};

type Grant = { token: string; signalingUrl: string; name: string; role: "host" | "guest"; meetingId: string };

/** Fetches a fresh join token (also used on every reconnect: tokens live minutes, calls live hours). */
export async function requestJoinToken(slug: string, name: string | undefined): Promise<Grant> {
  const response = await fetch(`/api/m/${slug}/join-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(name ? { name } : {}),
  });
  const body = (await response.json().catch(() => null)) as (Grant & { error?: { message: string } }) | null;
  if (!response.ok || !body || body.error) throw new Error(body?.error?.message ?? "Could not join. Try again.");
  return body;
}

export function JoinFlow(props: { slug: string; meeting: JoinMeetingInfo; viewer: { name: string; isHost: boolean } | null }) {
  const { slug, meeting, viewer } = props;
  const [grant, setGrant] = useState<Grant | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onJoin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    if (!viewer && !name) {
      setError("Enter your name so others know who you are.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      setGrant(await requestJoinToken(slug, name || undefined));
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not join. Try again.");
    } finally {
      setPending(false);
    }
  }

  if (grant) {
    return (
      <main className="flex min-h-dvh items-center justify-center bg-slate-900 px-4 text-white">
        <div className="text-center" data-testid="room">
          <h1 className="text-xl font-semibold">{meeting.title}</h1>
          <p className="mt-2 text-sm text-slate-300">
            Joined as {grant.name} ({grant.role}).
          </p>
        </div>
      </main>
    );
  }

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <Card className="w-full max-w-md">
        <p className="flex items-center gap-2 text-sm font-medium text-brand-600">
          <Video aria-hidden className="size-4" /> Parley meeting
        </p>
        <h1 className="mt-2 text-2xl font-semibold" data-testid="meeting-title">
          {meeting.title}
        </h1>
        <dl className="mt-3 space-y-1 text-sm text-slate-600">
          <div>
            <dt className="sr-only">When</dt>
            <dd data-testid="meeting-when">{meeting.when}</dd>
          </div>
          {meeting.recurrence && (
            <div>
              <dt className="sr-only">Repeats</dt>
              <dd>{meeting.recurrence}</dd>
            </div>
          )}
          <div>
            <dt className="inline">Host: </dt>
            <dd className="inline" data-testid="meeting-host">
              {meeting.hostName}
            </dd>
          </div>
        </dl>
        <form onSubmit={onJoin} className="mt-6 space-y-4" noValidate>
          <Field id="name" label="Your name">
            <Input id="name" name="name" defaultValue={viewer?.name ?? ""} maxLength={80} autoComplete="name" required />
          </Field>
          {error && <Alert>{error}</Alert>}
          <Button type="submit" className="w-full" size="lg" disabled={pending}>
            {pending && <Loader2 aria-hidden className="animate-spin" />}
            Join
          </Button>
        </form>
      </Card>
    </main>
  );
}
