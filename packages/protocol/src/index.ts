export * from "./version";
export * from "./join-token";
