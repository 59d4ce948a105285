export * from "./claims";
export * from "./key";
export * from "./join-token";
export * from "./passcode";
export * from "./admin-token";
