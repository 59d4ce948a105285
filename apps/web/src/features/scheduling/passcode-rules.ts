/**
 * New passcodes: 6–32 letters or digits. NOTE: signaling slows guessing per address and identity but cannot
 * stop a patient attacker with many addresses; six characters is the least that keeps that out of reach.
 * Meetings saved with a shorter passcode keep it until it is changed.
 */
export const PASSCODE_PATTERN = /^[A-Za-z0-9]{6,32}$/;

// No 0/O, 1/l/I: a generated passcode is read aloud and typed from a calendar invite.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const GENERATED_LENGTH = 10;

/** A random passcode (10 characters from 56: ~58 bits), drawn without modulo bias. */
export function generatePasscode(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const limit = 256 - (256 % ALPHABET.length);
  let passcode = "";
  while (passcode.length < GENERATED_LENGTH) {
    for (const byte of random(new Uint8Array(GENERATED_LENGTH * 2))) {
      if (byte < limit && passcode.length < GENERATED_LENGTH) passcode += ALPHABET[byte % ALPHABET.length];
    }
  }
  return passcode;
}
