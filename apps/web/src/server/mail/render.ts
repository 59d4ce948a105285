import { render } from "@react-email/render";
import type { ReactElement } from "react";

/** An email component as HTML plus its plain-text part (the same content, for clients that show no HTML). */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
