import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// NOTE: must match the web app, which hashes passcodes when a meeting is scheduled.
const PARAMS: ScryptOptions = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(plain: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain, salt, KEY_LENGTH, PARAMS, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hash a passcode as `scrypt$<saltB64>$<hashB64>` (N=16384, r=8, p=1, 32-byte key). */
export async function hashPasscode(plain: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(plain, salt);
  return `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** Check a passcode against a stored `scrypt$<saltB64>$<hashB64>`; false for wrong passcodes and malformed hashes. */
export async function verifyPasscode(plain: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !hashB64 || rest.length > 0) return false;
  const expected = Buffer.from(hashB64, "base64");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(plain, Buffer.from(saltB64, "base64"));
  return timingSafeEqual(actual, expected);
}
