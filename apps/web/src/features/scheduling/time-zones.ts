import { IANAZone } from "luxon";

/** True for names the runtime's IANA database knows (e.g. "Europe/Berlin"); rejects offsets and abbreviations. */
export function isValidTimeZone(zone: string): boolean {
  return zone.includes("/") || zone === "UTC" ? IANAZone.isValidZone(zone) : false;
}

/** Every IANA zone the runtime knows, for pickers. */
export function listTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}
