// One client process of the benchmark: opens the sockets of its rooms, joins, then sends offers, ICE candidates and
// chat at a steady rate and measures how long each relay takes to reach its addressee.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { joinTokenKey, mintJoinToken } from "@parley/join-auth";
import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type RoomJoinResult,
  type ServerToClientEvents,
} from "@parley/protocol";
import type { FromWorker, Person, RoomPlan, ToWorker, WorkerPlan } from "./plan";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Member {
  client: Client;
  id: string;
  room: Member[];
}

// NOTE: on this shared machine client workers were killed mid-run without a word on stderr (most likely another
// job's clean-up matching "worker" or "tsx" in command lines); a name of our own keeps them out of such patterns.
process.title = "parley-bench-clients";

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
const now = () => performance.timeOrigin + performance.now();

const SDP = `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${"a=candidate-padding\r\n".repeat(60)}`;
const members: Member[] = [];
const errors: Record<string, number> = {};
const latenciesMs: number[] = [];
let counters = { sent: 0, acked: 0, received: 0, chatReceived: 0, disconnects: 0 };
let measuring = false;

const send = (message: FromWorker) => process.send?.(message);
const countError = (code: string) => (errors[code] = (errors[code] ?? 0) + 1);

process.on("message", (message: ToWorker) => {
  if (message.type === "start") void joinAll(message.plan);
  else if (message.type === "go") steady(currentPlan as WorkerPlan);
});
let currentPlan: WorkerPlan | undefined;

async function joinAll(plan: WorkerPlan): Promise<void> {
  currentPlan = plan;
  const jobs = plan.rooms.flatMap((room) => room.people.map((person, index) => ({ room, person, index })));
  const joinedByRoom = new Map<string, Member[]>();
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as (typeof jobs)[number];
      try {
        const member = await join(plan, job.room, job.person, plan.urls[job.index % plan.urls.length] as string);
        const room = joinedByRoom.get(job.room.meetingId) ?? [];
        joinedByRoom.set(job.room.meetingId, room);
        room.push(member);
        member.room = room;
        members.push(member);
      } catch (error) {
        failed++;
        countError(error instanceof Error ? error.message.slice(0, 60) : "join failed");
      }
    }
  };
  await Promise.all(Array.from({ length: plan.joinConcurrency }, lane));
  send({ type: "joined", joined: members.length, failed, errors: { ...errors } });
}

async function join(plan: WorkerPlan, room: RoomPlan, person: Person, url: string): Promise<Member> {
  const client: Client = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 60_000 });
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("connect_error", (error) => reject(new Error(`connect: ${error.message}`)));
  });
  // Minted the way the web app mints (the same function); 240 s outlives the benchmark's joins.
  const token = await mintJoinToken({ ...person, meetingId: room.meetingId }, joinTokenKey(plan.secret), { ttlSeconds: 240 });
  const ack = (await client.timeout(60_000).emitWithAck("room:join", {
    token,
    meetingId: room.meetingId,
    protocolVersion: PROTOCOL_VERSION,
    media: { audioMuted: false, videoMuted: false },
  })) as Ack<RoomJoinResult>;
  if (!ack.ok) throw new Error(`join: ${ack.error.code}`);
  if (ack.data.status !== "joined") throw new Error(`join: ${ack.data.status}`);
  const member: Member = { client, id: ack.data.self.id, room: [] };
  listen(member);
  return member;
}

function listen(member: Member): void {
  const { client } = member;
  client.on("signal:candidate", ({ candidate }) => record(Number(candidate?.usernameFragment)));
  client.on("signal:description", ({ description }) => record(Number(/a=x-sent:([\d.]+)/.exec(description.sdp)?.[1])));
  client.on("chat:message", () => {
    if (measuring) counters.chatReceived++;
  });
  client.on("disconnect", () => {
    if (measuring) counters.disconnects++;
  });
}

function record(sentAt: number): void {
  if (!measuring || !Number.isFinite(sentAt)) return;
  counters.received++;
  latenciesMs.push(now() - sentAt);
}

/** Send at `ratePerSocket` per socket, spread evenly over time; then report. */
function steady(plan: WorkerPlan): void {
  counters = { sent: 0, acked: 0, received: 0, chatReceived: 0, disconnects: 0 };
  for (const key of Object.keys(errors)) delete errors[key];
  measuring = true;
  // NOTE: a relay is timed by this process's clock on both ends, so a stall of this event loop is counted as
  // latency too; its own delay tells the server's share from the load generator's.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const tickMs = 20;
  const perTick = (plan.ratePerSocket * members.length * tickMs) / 1000;
  let budget = 0;
  const ticker = setInterval(() => {
    budget += perTick;
    for (; budget >= 1; budget--) sendOne();
  }, tickMs);
  setTimeout(() => {
    clearInterval(ticker);
    // Let messages in flight arrive before counting.
    setTimeout(() => {
      measuring = false;
      loopDelay.disable();
      // NOTE: exit only once the result is written to the IPC channel: at 1 msg/s per socket it holds hundreds of
      // thousands of latencies (megabytes), and exiting on a timer lost it ("worker exited with 0 before sending result").
      process.send?.({
        type: "result",
        ...counters,
        latenciesMs,
        errors: { ...errors },
        connectedAtEnd: members.filter((m) => m.client.connected).length,
        // NOTE: the histogram records whole sampling intervals (10 ms when idle); report the delay beyond that.
        loopDelayMs: { p99: loopDelay.percentile(99) / 1e6 - 10, max: loopDelay.max / 1e6 - 10 },
      } satisfies FromWorker);
      // Sockets stay open and the process stays until run.ts is done sampling (the end of the steady phase, which a
      // loaded machine may delay past this point) and lets go of the IPC channel; exiting closes the sockets.
      process.once("disconnect", () => process.exit(0));
    }, 1500);
  }, plan.durationMs);
}

function sendOne(): void {
  const sender = members[Math.floor(Math.random() * members.length)];
  if (!sender || sender.room.length < 2 || !sender.client.connected) return;
  let peer = sender;
  while (peer === sender) peer = sender.room[Math.floor(Math.random() * sender.room.length)] as Member;
  const roll = Math.random();
  counters.sent++;
  const onAck = (error: Error | null, ack?: Ack<unknown>) => {
    if (error) return countError("ack_timeout");
    if (ack?.ok) counters.acked++;
    else countError(ack?.error.code ?? "no_ack");
  };
  const client = sender.client.timeout(10_000);
  const sentAt = now().toFixed(3);
  // Mix of a call's signaling: mostly ICE candidates, some (re)negotiations, a little chat.
  if (roll < 0.8) {
    client.emit(
      "signal:candidate",
      { to: peer.id, candidate: { candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", sdpMid: "0", sdpMLineIndex: 0, usernameFragment: sentAt } },
      onAck as never,
    );
  } else if (roll < 0.97) {
    client.emit("signal:description", { to: peer.id, description: { type: "offer", sdp: `${SDP}a=x-sent:${sentAt}\r\n` } }, onAck as never);
  } else {
    client.emit("chat:send", { body: `bench ${sentAt}` }, onAck as never);
  }
}
