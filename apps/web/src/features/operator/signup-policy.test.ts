import { describe, expect, it } from "vitest";
import { decideSignup, domainOf } from "./signup-policy";

const nobody = { firstAccount: false, invitedByAdmin: false, invitedToMeeting: false };
const decide = (over: Partial<Parameters<typeof decideSignup>[0]>) =>
  decideSignup({ mode: "open", allowedDomains: [], method: "email", email: "ann@example.com", eligibility: nobody, ...over });

describe("decideSignup", () => {
  it("lets anyone in when open, and only allowed domains when they are set", () => {
    expect(decide({})).toEqual({ ok: true });
    expect(decide({ allowedDomains: ["example.com"] })).toEqual({ ok: true });
    expect(decide({ allowedDomains: ["example.org"] })).toMatchObject({ ok: false, code: "signup_domain_not_allowed" });
    // A look-alike subdomain or a second @ does not pass.
    expect(decide({ allowedDomains: ["example.com"], email: "ann@evil-example.com" })).toMatchObject({ ok: false });
    expect(decide({ allowedDomains: ["example.com"], email: "ann@example.com@evil.org" })).toMatchObject({ ok: false });
  });

  it("needs an invitation (admin or meeting) in invite mode, an admin invitation when closed", () => {
    expect(decide({ mode: "invite" })).toMatchObject({ ok: false, code: "signup_invite_only" });
    expect(decide({ mode: "invite", eligibility: { ...nobody, invitedToMeeting: true } })).toEqual({ ok: true });
    expect(decide({ mode: "invite", eligibility: { ...nobody, invitedByAdmin: true } })).toEqual({ ok: true });
    expect(decide({ mode: "closed", eligibility: { ...nobody, invitedToMeeting: true } })).toMatchObject({ ok: false, code: "signup_closed" });
    expect(decide({ mode: "closed", eligibility: { ...nobody, invitedByAdmin: true } })).toEqual({ ok: true });
  });

  it("always admits the first account and SSO accounts, but never past the domain rule", () => {
    expect(decide({ mode: "closed", eligibility: { ...nobody, firstAccount: true } })).toEqual({ ok: true });
    expect(decide({ mode: "closed", method: "sso" })).toEqual({ ok: true });
    expect(decide({ mode: "closed", method: "sso", allowedDomains: ["example.org"] })).toMatchObject({ code: "signup_domain_not_allowed" });
    expect(decide({ eligibility: { ...nobody, firstAccount: true }, allowedDomains: ["example.org"] })).toMatchObject({ ok: false });
  });

  it("reads the domain after the last @", () => {
    expect(domainOf("A@B.Example.COM")).toBe("b.example.com");
    expect(domainOf("nope")).toBe("");
  });
});
