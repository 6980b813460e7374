/**
 * The bounds the twin's GraphQL layer puts on one request, all checked before graphql-js parses
 * (or, for the counts, validates) the document, so that an oversized request costs little. A
 * request over any of them is refused as a whole: HTTP 200 (never a 5xx, which Amplify
 * retries), `data: null` and one error `{path: null, locations, errorType: 'ValidationError',
 * message}`; on the realtime channel the same error in the start's `error` frame.
 *
 * AppSync documents none of these except the query depth (set on the API by the CDK stack);
 * its wording for a request over a limit is not documented either (UNVERIFIED). The twin names
 * each one in the message and gives errorType 'ValidationError', the code this API uses for
 * bad input, so clients can branch on it. (graphql-java's own validation errors carry no
 * errorType on AppSync; reference/appsync-realtime-and-amplify.md §1.3.)
 */
import { QUERY_DEPTH_LIMIT } from '../../infra/chat-graphql-api';

/**
 * Characters in the query document. UNVERIFIED: AppSync states no such limit; the HTTP server
 * reads bodies up to 5 MB. 64 Ki characters is many times the largest operation a client of
 * this API sends (SendMessage is under 300) and keeps parsing under a few milliseconds.
 */
export const MAX_DOCUMENT_CHARACTERS = 65_536;

/**
 * Brackets ({, ( and [) nested inside one another in the document. graphql-js parses by
 * recursion and overflows the stack at a few thousand levels; a query within the depth limit
 * needs about twice QUERY_DEPTH_LIMIT.
 */
export const MAX_DOCUMENT_NESTING = 64;

/**
 * Field selections in one operation at every level, aliases and __typename included, with
 * every fragment spread counted as often as it is spread (so fragments that spread each other
 * cannot multiply the work unseen). @skip and @include do not lower the count.
 */
export const MAX_FIELDS_PER_OPERATION = 1_000;

/**
 * Root fields (each one runs a pipeline resolver) in one operation, counted like the fields.
 * AppSync's own resolverCountLimit defaults to 10,000 per request; the twin runs every
 * resolver on one thread (about 3 ms each), so it allows fewer. UNVERIFIED as AppSync's number.
 */
export const MAX_ROOT_FIELDS_PER_OPERATION = 50;

/**
 * Levels of nested fields below the operation (a root field is level 1): the CDK stack's
 * queryDepthLimit, so the twin refuses what AppSync refuses.
 */
export const MAX_QUERY_DEPTH = QUERY_DEPTH_LIMIT;

/**
 * Levels of arrays and objects inside the request's variables (the variables object itself is
 * level 1). Variables reach resolvers as ctx.info.variables, whose copy into the runtime
 * recursed past the stack on deep values. This schema's variables are scalars (level 2).
 */
export const MAX_VARIABLES_NESTING = 32;
