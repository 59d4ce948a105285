import { JoinTokenError, verifyJoinToken as verifyToken, type JoinTokenKey, type VerifiedJoinToken } from "@parley/join-auth";
import { SignalingError } from "../errors";

/** Verifies a join token with @parley/join-auth; a refusal becomes the typed error the client gets in its ack. */
export async function verifyJoinToken(token: string, key: JoinTokenKey, now: Date): Promise<VerifiedJoinToken> {
  try {
    return await verifyToken(token, key, now);
  } catch (error) {
    if (error instanceof JoinTokenError) throw new SignalingError(error.code, error.message, { cause: error.cause });
    throw error;
  }
}
