import type { ReactNode } from "react";

const page = { backgroundColor: "#f8fafc", fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", color: "#0f172a" };
const card = { maxWidth: "560px", margin: "0 auto", backgroundColor: "#ffffff", border: "1px solid #e2e8f0", borderRadius: "12px", padding: "24px" };

/** Shared frame of every mail: plain HTML with inline styles, which is what mail clients render reliably. */
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta content="text/html; charset=UTF-8" httpEquiv="Content-Type" />
        <title>{preview}</title>
      </head>
      <body style={page}>
        <div style={card}>
          {children}
          <p style={{ marginTop: "32px", fontSize: "12px", color: "#64748b" }}>Sent by Parley.</p>
        </div>
      </body>
    </html>
  );
}

/** A link styled as a button; its text stays readable in the plain-text part. */
export function EmailButton({ href, children, tone = "primary" }: { href: string; children: ReactNode; tone?: "primary" | "secondary" }) {
  const style = {
    display: "inline-block",
    padding: "10px 16px",
    marginRight: "8px",
    marginBottom: "8px",
    borderRadius: "8px",
    textDecoration: "none",
    fontWeight: 600,
    backgroundColor: tone === "primary" ? "#0f172a" : "#e2e8f0",
    color: tone === "primary" ? "#ffffff" : "#0f172a",
  };
  return (
    <a href={href} style={style}>
      {children}
    </a>
  );
}
