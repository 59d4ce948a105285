import { chatSegments } from "../chat-links";

/**
 * A message's text with its http(s) links as anchors. Everything is rendered as React text, never as HTML, so
 * markup in a message shows as typed. Links open in a new tab without giving that page a handle on ours
 * (noopener), our address (noreferrer), or our endorsement for search engines (nofollow).
 */
export function ChatMessageBody({ body }: { body: string }) {
  return (
    <p className="break-words whitespace-pre-wrap text-slate-900">
      {chatSegments(body).map((segment, i) =>
        segment.kind === "link" ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </p>
  );
}
