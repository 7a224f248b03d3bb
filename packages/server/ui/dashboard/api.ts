/** An error the gateway answered with (its `extensions.code`), or a network failure (`NETWORK`). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when the gateway refuses the key (revoked, wrong): the page signs out. */
let onUnauthenticated: () => void = () => undefined;
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Tells the page the key was refused somewhere else than {@link gql} (the live feed's socket). */
export function keyRefused(): void {
  onUnauthenticated();
}

/**
 * Runs a GraphQL operation with the signed-in key as a Bearer header (never in a URL). Rejects
 * with {@link ApiError}: the first error's message and code.
 */
export async function gql<T>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The gateway cannot be reached', 'NETWORK');
  }
  let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`The gateway answered HTTP ${res.status}`, 'NETWORK');
  }
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED') onUnauthenticated();
    throw new ApiError(error.message, code);
  }
  return body.data as T;
}

/**
 * Downloads `path` (e.g. `/leads.csv?…`) with the key as a Bearer header, then saves it as
 * `filename`: a link cannot carry the header, and the key must not go into the URL.
 */
export async function download(key: string, path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) {
    let message = `The export failed (HTTP ${res.status})`;
    try {
      const body = await res.json();
      message = body.error ?? body.errors?.[0]?.message ?? message;
    } catch {
      // keep the status line
    }
    throw new ApiError(message, String(res.status));
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
