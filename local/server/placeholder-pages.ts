/** Placeholder pages for / and /console until the console and chat page are built. */
export function placeholderPage(title: string, links: Record<string, string>): string {
  const items = Object.entries(links)
    .map(([label, href]) => `<li><a href="${href}">${label}</a>: <code>${href}</code></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<p>The chat API's local twin is running. The query console and the chat page are not built yet.</p>
<ul>
${items}
</ul>
</body>
</html>
`;
}
