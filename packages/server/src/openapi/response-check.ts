import type { FastifyInstance } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * In tests (LEADGATE_CHECK_RESPONSES=1), every reply of a documented route is checked against
 * its documented status, content type and JSON schema; one that does not match is replaced by a
 * 500 naming the mismatch, so the door test that got it fails. Call it before any route is added.
 */
export function checkResponsesAgainstSchemas(app: FastifyInstance): void {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const compiled = new WeakMap<object, ValidateFunction>();
  app.addHook('onSend', async (request, reply, payload) => {
    const responses = request.routeOptions.schema?.response as
      | Record<string, { content?: Record<string, { schema?: object }> }>
      | undefined;
    if (!responses) return payload;
    const status = reply.statusCode;
    const type = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim();
    const mismatch = (what: string) => {
      request.log.error({ route: request.routeOptions.url, status, what }, 'reply does not match its OpenAPI description');
      reply.status(500).type('application/json; charset=utf-8');
      return JSON.stringify({ openapiMismatch: `${request.method} ${request.routeOptions.url} answered ${status} ${type}: ${what}` });
    };
    const entry = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!entry) return mismatch('this status is not documented');
    if (!entry.content) return payload;
    const content = entry.content[type];
    if (!content) return mismatch(`this content type is not documented (${Object.keys(entry.content).join(', ')})`);
    if (type !== 'application/json' || !content.schema || typeof payload !== 'string') return payload;
    let validate = compiled.get(content.schema);
    if (!validate) compiled.set(content.schema, (validate = ajv.compile(content.schema)));
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return mismatch('the body is not JSON');
    }
    return validate(body) ? payload : mismatch(ajv.errorsText(validate.errors));
  });
}
