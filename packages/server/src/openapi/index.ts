export { BEARER, documented, fields, GATEWAY_ERROR, gatewayErrors, replies, reply, type JsonSchema } from './documented.js';
export { registerOpenApi, type OpenApiOptions } from './openapi.plugin.js';
export { healthDocs, metricsDocs, readyDocs } from './operations.schema.js';
