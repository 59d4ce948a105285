import { createSocket, type Socket } from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTurnClient, type TurnProtocol } from "werift-ice";
import { startCoturn, turnRestCredentials, type CoturnServer } from "./index";

// A real coturn, started through deploy/coturn/entrypoint.sh, and a real TURN client (werift-ice).
describe("startCoturn", () => {
  let coturn: CoturnServer;
  const clients: TurnProtocol[] = [];
  const sockets: Socket[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    coturn = await startCoturn({ relayPorts: { min: 51_000, max: 51_099 }, onLog: (line) => logs.push(line) });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
    for (const socket of sockets) socket.close();
    await coturn?.stop();
  });

  const allocate = async (server: CoturnServer, username: string, password: string) => {
    const client = await createTurnClient(
      { address: [server.host, server.port], username, password },
      { transport: "udp", lifetime: 60 },
    );
    clients.push(client);
    return client;
  };

  it("grants an allocation for TURN REST API credentials", async () => {
    const { username, credential } = coturn.credentialsFor("participant-1");
    const client = await allocate(coturn, username, credential);
    const [relayHost, relayPort] = client.relayedAddress;
    expect(relayHost).toBe("127.0.0.1");
    expect(relayPort).toBeGreaterThanOrEqual(51_000);
    expect(relayPort).toBeLessThanOrEqual(51_099);
    expect(coturn.urls).toEqual([
      `turn:127.0.0.1:${coturn.port}?transport=udp`,
      `turn:127.0.0.1:${coturn.port}?transport=tcp`,
    ]);
  });

  it.concurrent("refuses a credential signed with another secret", async () => {
    const forged = turnRestCredentials("not-the-shared-secret", "intruder");
    // NOTE: coturn answers a bad MESSAGE-INTEGRITY with an error the client cannot authenticate, so the
    // client gives up after its retransmissions; coturn's log says why.
    await expect(allocate(coturn, forged.username, forged.credential)).rejects.toThrow();
    expect(logs.some((line) => line.includes("check_stun_auth") && line.includes(forged.username))).toBe(true);
  });

  it.concurrent("refuses an expired credential", async () => {
    const expired = turnRestCredentials(coturn.secret, "late", { ttlSeconds: -60 });
    await expect(allocate(coturn, expired.username, expired.credential)).rejects.toThrow();
    expect(logs.some((line) => line.includes("check_stun_auth") && line.includes(expired.username))).toBe(true);
  });

  it("relays UDP both ways to a loopback peer (what a browser relay test on one machine needs)", async () => {
    const { username, credential } = coturn.credentialsFor("participant-2");
    const client = await allocate(coturn, username, credential);
    const peer = await boundSocket();
    const peerPort = peer.address().port;

    const atPeer = nextMessage(peer);
    await client.sendData(Buffer.from("hello peer"), ["127.0.0.1", peerPort]);
    const { message, from } = await atPeer;
    expect(message.toString()).toBe("hello peer");
    // The peer sees the relayed address, never the client's own.
    expect(from.port).toBe(client.relayedAddress[1]);

    const atClient = new Promise<string>((resolve) => client.onData.subscribe((data) => resolve(data.toString())));
    peer.send(Buffer.from("hello client"), from.port, "127.0.0.1");
    expect(await atClient).toBe("hello client");
  });

  it("keeps the template's private-peer ban when loopback is not allowed", async () => {
    const strict = await startCoturn({ allowLoopbackPeers: false, relayPorts: { min: 51_100, max: 51_199 } });
    try {
      const { username, credential } = strict.credentialsFor("participant-3");
      const client = await allocate(strict, username, credential);
      const peer = await boundSocket();
      await expect(client.getPermission(["127.0.0.1", peer.address().port])).rejects.toThrow();
    } finally {
      await strict.stop();
    }
  });

  it("stop() is safe to call twice", async () => {
    const extra = await startCoturn({ relayPorts: { min: 51_200, max: 51_299 } });
    await extra.stop();
    await extra.stop();
  });

  function boundSocket(): Promise<Socket> {
    const socket = createSocket("udp4");
    sockets.push(socket);
    return new Promise((resolve) => socket.bind(0, "127.0.0.1", () => resolve(socket)));
  }
});

function nextMessage(socket: Socket): Promise<{ message: Buffer; from: { address: string; port: number } }> {
  return new Promise((resolve) => socket.once("message", (message, from) => resolve({ message, from })));
}
