/**
 * A request URL the router can read: runs of slashes in the path become one (`//ca/submit` is the
 * door, as URL builders make it, and the log's masking of secret path segments sees it so), and
 * when the path holds a malformed escape (`%ZZ`, `%C0`), every `%` of the path is escaped, so the
 * route is still found and its parameter is the text as sent (an id nobody has: the door answers
 * it in its own shape instead of Fastify's 400). The query string is returned as it is.
 */
export function repairUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  if (path.includes('//')) {
    path = path.replace(/\/{2,}/g, '/');
    url = path + (q < 0 ? '' : url.slice(q));
  }
  if (!path.includes('%')) return url;
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return path.replace(/%/g, '%25') + (q < 0 ? '' : url.slice(q));
  }
}
