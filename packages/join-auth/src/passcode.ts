import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// The stored format: `scrypt$<saltB64>$<hashB64>`. The web app hashes when a meeting is scheduled, the signaling
// service checks on `room:join`; both call these two functions.
const PARAMS: ScryptOptions = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptAsync(plain: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain, salt, KEY_LENGTH, PARAMS, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a meeting passcode as `scrypt$<saltB64>$<hashB64>` (N=16384, r=8, p=1, 32-byte key, 16-byte salt). */
export async function hashPasscode(plain: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await scryptAsync(plain, salt);
  return `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** Checks a passcode against what `hashPasscode` stored; false for wrong passcodes and malformed hashes (never throws on them). */
export async function verifyPasscode(plain: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !hashB64 || rest.length > 0) return false;
  const expected = Buffer.from(hashB64, "base64");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(plain, Buffer.from(saltB64, "base64"));
  return timingSafeEqual(actual, expected);
}
