import { scrypt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPasscode, verifyPasscode } from "./passcode";

describe("passcode round trip (web hashes, signaling checks)", () => {
  it("accepts the right passcode and refuses a wrong one", async () => {
    const stored = await hashPasscode("4242");
    expect(stored).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPasscode("4242", stored)).toBe(true);
    expect(await verifyPasscode("4243", stored)).toBe(false);
  });

  it("salts every hash, and each one checks", async () => {
    const [a, b] = [await hashPasscode("same"), await hashPasscode("same")];
    expect(a).not.toBe(b);
    expect(await verifyPasscode("same", a)).toBe(true);
    expect(await verifyPasscode("same", b)).toBe(true);
  });

  it("verifies a hash made independently with the agreed parameters (what the web app stores)", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const hash = await new Promise<Buffer>((resolve, reject) =>
      scrypt("open sesame", salt, 32, { N: 16384, r: 8, p: 1 }, (e, key) => (e ? reject(e) : resolve(key))),
    );
    const stored = `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
    expect(await verifyPasscode("open sesame", stored)).toBe(true);
    expect(await verifyPasscode("open sesam", stored)).toBe(false);
  });

  it("refuses malformed stored hashes instead of throwing", async () => {
    for (const stored of ["", "plain", "bcrypt$a$b", "scrypt$$", "scrypt$c2FsdA==$c2hvcnQ=", "scrypt$a$b$c"]) {
      expect(await verifyPasscode("4242", stored)).toBe(false);
    }
  });
});
