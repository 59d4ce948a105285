import { expect, test, type Page } from "@playwright/test";
import { enterMeeting, expectInCall, expectVideoFlowing, guestPage, hostWithInstantMeeting } from "./call-helpers";

type SelectedPair = { localType: string; remoteType: string };

/** Test instrumentation: remember every RTCPeerConnection the page creates, to read its selected ICE pair. */
async function recordPeerConnections(page: Page) {
  await page.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const created: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = created;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        created.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

async function selectedPairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const out: SelectedPair[] = [];
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState !== "connected") continue;
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type !== "transport" || !s.selectedCandidatePairId) return;
        const pair = stats.get(s.selectedCandidatePairId);
        out.push({ localType: stats.get(pair.localCandidateId).candidateType, remoteType: stats.get(pair.remoteCandidateId).candidateType });
      });
    }
    return out;
  });
}

test("a call forced through TURN (?relay=1, iceTransportPolicy relay) works over coturn relay candidates", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Relay Host");
  await recordPeerConnections(host);
  await enterMeeting(host, `${path}?relay=1`);
  await expectInCall(host);
  const guest = await guestPage(browser);
  await recordPeerConnections(guest.page);
  await enterMeeting(guest.page, `${path}?relay=1`, "Relay Guest");
  await expectInCall(guest.page);
  await expectVideoFlowing(host, 1);
  await expectVideoFlowing(guest.page, 1);
  for (const page of [host, guest.page]) {
    const pairs = await selectedPairs(page);
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) expect(pair).toEqual({ localType: "relay", remoteType: "relay" });
  }
  await guest.context.close();
});
