/** Escapes text for HTML (titles and messages only; the pages build everything else in the browser). */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML shell of a bundled page: its stylesheet, a mount point and its module script. */
export function pageShell(options: { title: string; css: string; js: string; mountId: string; noscript: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${escape(options.title)}</title>
<link rel="stylesheet" href="${escape(options.css)}">
</head>
<body>
<div id="${escape(options.mountId)}"></div>
<noscript>${escape(options.noscript)}</noscript>
<script type="module" src="${escape(options.js)}"></script>
</body>
</html>
`;
}

/** A one-message page (the explorer turned off, the bundles not built). */
export function messagePage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escape(title)}</title></head>
<body><h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>
`;
}
