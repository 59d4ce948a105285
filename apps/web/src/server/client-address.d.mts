import type { BlockList } from "node:net";

export const CLIENT_IP_HEADER: "x-parley-client-ip";
export type TrustedProxies = { list: BlockList; entries: string[] };
export function parseTrustedProxies(value: string | undefined): TrustedProxies;
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string;
