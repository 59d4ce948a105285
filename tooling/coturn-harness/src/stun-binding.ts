import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";

const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const MAGIC_COOKIE = 0x2112a442;

/**
 * Sends one STUN Binding request over UDP and resolves true when a matching success response arrives.
 * Used as the readiness probe: it proves the UDP listener answers, which a TCP connect would not.
 */
export async function stunBindingAnswers(host: string, port: number, timeoutMs = 300): Promise<boolean> {
  const transactionId = randomBytes(12);
  const request = Buffer.alloc(20);
  request.writeUInt16BE(BINDING_REQUEST, 0);
  request.writeUInt16BE(0, 2);
  request.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(request, 8);

  const socket = createSocket("udp4");
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      socket.on("error", () => (clearTimeout(timer), resolve(false)));
      socket.on("message", (message) => {
        const matches =
          message.length >= 20 &&
          message.readUInt16BE(0) === BINDING_SUCCESS &&
          message.subarray(8, 20).equals(transactionId);
        if (matches) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      socket.send(request, port, host);
    });
  } finally {
    socket.close();
  }
}
