import { DateTime } from "luxon";

export type TranscriptMessage = { senderName: string; body: string; createdAt: Date };

/**
 * The chat transcript as plain text, one message per entry in sending order:
 * "[2026-01-05 09:01:12] Ada: hello". Continuation lines of a multi-line message are indented, so a message body
 * can never forge the next entry's header.
 */
export function transcriptToText(title: string, start: Date, zone: string, messages: TranscriptMessage[]): string {
  const when = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-LL-dd HH:mm:ss");
  const header = [`Chat transcript: ${oneLine(title)}`, `Occurrence: ${when(start)} (${zone})`, ""];
  const lines = messages.map((m) => {
    const [first = "", ...rest] = m.body.replace(/\r\n?/g, "\n").split("\n");
    return [`[${when(m.createdAt)}] ${oneLine(m.senderName)}: ${first}`, ...rest.map((line) => `    ${line}`)].join("\n");
  });
  if (lines.length === 0) lines.push("(No messages.)");
  return `${[...header, ...lines].join("\n")}\n`;
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ");

/** A file name for the download: "<slug>-chat-2026-01-05.txt". */
export function transcriptFileName(slug: string, start: Date, zone: string): string {
  const day = DateTime.fromJSDate(start, { zone }).toFormat("yyyy-LL-dd");
  return `${slug.replace(/[^a-z0-9-]/gi, "")}-chat-${day}.txt`;
}
