/** Escaping and the small markdown subset text widgets use (headings, lists, bold, paragraphs). */
export function escapeHtml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JSON inside a <script> element: `<` escaped so no string in it can close the element. */
export function scriptJson(value: unknown): string {
    return JSON.stringify(value).replace(/</g, "\\u003c");
}

function inline(text: string): string {
    return escapeHtml(text).replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/`([^`]+)`/g, "<code>$1</code>");
}

export function markdownToHtml(lines: readonly string[]): string {
    const out: string[] = [];
    let list = false;
    for (const line of lines.join("").split("\n")) {
        const heading = /^(#{1,6})\s+(.*)$/.exec(line);
        const item = /^\s*[-*]\s+(.*)$/.exec(line);
        if (!item && list) {
            out.push("</ul>");
            list = false;
        }
        if (heading) out.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
        else if (item) {
            if (!list) out.push("<ul>");
            list = true;
            out.push(`<li>${inline(item[1])}</li>`);
        } else if (line.trim() !== "") out.push(`<p>${inline(line)}</p>`);
    }
    if (list) out.push("</ul>");
    return out.join("\n");
}
