"use client";
import {
  Call,
  createSocketSignalChannel,
  isCallError,
  type CallSnapshot,
  type DisconnectReason,
  type LocalMedia,
} from "@parley/webrtc-client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { JoinPrefetch } from "./join-prefetch";
import { JoinTokenRequestError, requestJoinToken } from "./join-token-client";
import { joinErrorMessage, joinTokenRefusalMessage } from "./messages";

export type SessionPhase =
  | { kind: "prejoin"; error?: string; needsPasscode?: boolean }
  | { kind: "joining" }
  | { kind: "waiting" }
  | { kind: "in-call" }
  | { kind: "ended"; reason: DisconnectReason };

declare global {
  interface Window {
    /** The live call, for debugging from the console and for end-to-end tests (frame stats). */
    parleyCall?: Call;
  }
}

const noop = () => () => {};

/** Joins a meeting with the page's LocalMedia and follows the call through lobby, call and its end. */
export function useCallSession(slug: string, media: LocalMedia | null) {
  const t = useTranslations("callMessages");
  const [call, setCall] = useState<Call | null>(null);
  const [phase, setPhase] = useState<SessionPhase>({ kind: "prejoin" });
  const nameRef = useRef<string | undefined>(undefined);
  // A join still in flight when the page goes away must not leave a call behind (a ghost tile for the others).
  const pending = useRef<Call | null>(null);
  const unmounted = useRef(false);
  useEffect(() => {
    unmounted.current = false;
    return () => {
      unmounted.current = true;
      pending.current?.close();
    };
  }, []);
  // Token and signaling connection are prepared while the user is still on the pre-join screen.
  // NOTE: made on first use, not in an effect: the pre-join form's effect (a child's) runs before ours.
  const prefetch = useRef<JoinPrefetch | null>(null);
  const prepare = useCallback(
    () =>
      (prefetch.current ??= new JoinPrefetch({
        requestToken: (name) => requestJoinToken(slug, name),
        openChannel: (url) => createSocketSignalChannel({ url }),
      })),
    [slug],
  );
  useEffect(
    () => () => {
      prefetch.current?.dispose();
      prefetch.current = null;
    },
    [slug],
  );
  const nameChanged = useCallback((name: string) => prepare().nameChanged(name), [prepare]);

  const snapshot = useSyncExternalStore<CallSnapshot | null>(
    call ? (onChange) => call.on("changed", onChange) : noop,
    () => call?.snapshot ?? null,
    () => null,
  );

  const join = useCallback(
    async (options: { name?: string; passcode?: string }) => {
      if (!media) return;
      nameRef.current = options.name;
      setPhase({ kind: "joining" });
      let current: Call | null = null;
      try {
        const prepared = await prepare().take(options.name ?? "");
        const { grant } = prepared;
        if (unmounted.current) return prepared.signal.close();
        let firstToken: string | null = grant.token;
        current = new Call({
          meetingId: grant.meetingId,
          signal: prepared.signal,
          // Tokens live minutes; every re-join (reconnect, server restart) asks for a fresh one.
          getJoinToken: async () => {
            const token = firstToken ?? (await requestJoinToken(slug, nameRef.current)).token;
            firstToken = null;
            return token;
          },
          localMedia: media,
          ...(options.passcode ? { passcode: options.passcode } : {}),
          // `?relay=1` sends all media through the TURN server: hides this browser's address from the others
          // and is how an operator checks that TURN works.
          ...(new URLSearchParams(window.location.search).get("relay") === "1" ? { iceTransportPolicy: "relay" as const } : {}),
        });
        const joined = current;
        // A join refused on its way in (wrong passcode, locked, full) also ends the Call: that is the catch below's
        // business (back to the pre-join form, what was typed kept); passing through "ended" would unmount the form.
        let entered = false;
        joined.on("lobbyAdmitted", () => setPhase({ kind: "in-call" }));
        joined.on("stateChanged", (state) => {
          if (state === "disconnected" && entered) setPhase({ kind: "ended", reason: joined.snapshot.disconnectReason ?? "connection_lost" });
        });
        pending.current = joined;
        setCall(joined);
        window.parleyCall = joined;
        const outcome = await joined.join();
        entered = true;
        pending.current = null;
        if (unmounted.current) return joined.close();
        // Ended in the moment between its answer and this line (denied at once, removed): say how.
        if (joined.state === "disconnected") return setPhase({ kind: "ended", reason: joined.snapshot.disconnectReason ?? "connection_lost" });
        setPhase(outcome.status === "waiting" ? { kind: "waiting" } : { kind: "in-call" });
      } catch (error) {
        pending.current = null;
        current?.close();
        if (unmounted.current) return;
        setCall(null);
        const code = isCallError(error) ? error.code : undefined;
        setPhase({
          kind: "prejoin",
          error: error instanceof JoinTokenRequestError ? joinTokenRefusalMessage(t, error.code, error.message) : joinErrorMessage(t, code),
          needsPasscode: code === "passcode_required" || code === "passcode_invalid",
        });
      }
    },
    [media, slug, prepare, t],
  );

  useEffect(() => () => call?.close(), [call]);

  return { call, snapshot, phase, join, nameChanged };
}
