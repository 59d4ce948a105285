import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import de from "../../../messages/de.json";
import en from "../../../messages/en.json";
import zhCN from "../../../messages/zh-CN.json";
import { describeRecurrence } from "./recurrence-text";

const tIn = (locale: "en" | "de" | "zh-CN", messages: typeof en) => createTranslator({ locale, messages, namespace: "recurrence" });

describe("describeRecurrence", () => {
  it("says a series in English, German and Chinese", () => {
    const rule = "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4";
    expect(describeRecurrence(rule, tIn("en", en), "en", "UTC")).toBe("Weekly on Monday and Thursday, 4 times");
    expect(describeRecurrence(rule, tIn("de", de), "de", "UTC")).toBe("Wöchentlich am Montag und Donnerstag, 4 Mal");
    expect(describeRecurrence(rule, tIn("zh-CN", zhCN), "zh-CN", "UTC")).toBe("每周星期一和星期四，共 4 次");
    expect(describeRecurrence("FREQ=DAILY;INTERVAL=2;UNTIL=20260430T235959Z", tIn("en", en), "en", "UTC")).toBe("Every 2 days, until Apr 30, 2026");
    expect(describeRecurrence(null, tIn("en", en), "en", "UTC")).toBeNull();
  });
});
