"use client";
import { createAuthClient } from "better-auth/react";

// NOTE: no baseURL: the client talks to the origin it was served from, so nothing is baked in at build time.
export const authClient = createAuthClient();
