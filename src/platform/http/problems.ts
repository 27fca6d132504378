import { ProblemDocument } from 'http-problem-details';

/**
 * The stable problem types. A type is a URI reference on this API: GET /problems/<slug>
 * describes it, so a client developer who meets one can look it up.
 */
export const PROBLEM_CATALOGUE: Record<string, { status: number; title: string; description: string }> = {
  'validation-failed': { status: 400, title: 'Invalid request', description: 'The request does not match the OpenAPI contract or a business rule; errors[] lists each field.' },
  'malformed-json': { status: 400, title: 'Malformed JSON', description: 'The request body is not valid JSON.' },
  unauthenticated: { status: 401, title: 'Authentication required', description: 'No valid access token was sent, or the credentials are wrong.' },
  forbidden: { status: 403, title: 'Not allowed', description: 'The caller is authenticated but lacks the permission this operation needs.' },
  'not-found': { status: 404, title: 'Not found', description: 'No such resource exists in the caller’s organisation.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', description: 'The path exists but not with this HTTP method.' },
  'payload-too-large': { status: 413, title: 'Request body too large', description: 'The request body is larger than the server accepts.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', description: 'The body’s content type is not one this operation accepts.' },
  'concurrent-change': {
    status: 409,
    title: 'Concurrent change',
    description: 'Another request changed the same data at the same moment. This request changed nothing; send it again.',
  },
  'tenant-suspended': {
    status: 403,
    title: 'Organisation suspended',
    description: 'The organisation’s access to the platform is suspended by the platform operator; nothing can be read or changed until it is reactivated.',
  },
  'second-factor-enrolment-required': {
    status: 403,
    title: 'Second factor required',
    description: 'The organisation requires a second factor for this account; set one up first (POST /v1/me/second-factor).',
  },
  'auth-too-many-attempts': {
    status: 429,
    title: 'Too many attempts',
    description: 'Too many failed sign-in, second-factor or password-reset attempts; wait for the Retry-After seconds. The wait grows with each further failure.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description: 'The general request budget of this client address, organisation or API key (requests a minute, RATE_LIMIT_* settings) is spent; wait for the Retry-After seconds. The RateLimit and RateLimit-Policy headers tell how much is left.',
  },
  'upload-no-file': { status: 400, title: 'No file received', description: 'A multipart upload must carry exactly one part named file.' },
  'upload-malformed': { status: 400, title: 'Malformed upload', description: 'The multipart body could not be read: a part header that cannot be parsed (a NUL or other control character in the file name) or a body cut off.' },
  'upload-spool-full': { status: 503, title: 'Uploads busy', description: 'Too many uploads are being received at once (the upload spool is full); send the file again after the Retry-After seconds.' },
  'not-ready': { status: 503, title: 'Not ready', description: 'A dependency such as the database cannot be reached.' },
  'internal-error': { status: 500, title: 'Internal error', description: 'Something went wrong on our side; the request id in `instance` helps us find it.' },
};

export interface FieldProblem {
  pointer: string;
  detail: string;
}

export function problemType(slug: string): string {
  return `/problems/${slug}`;
}

/** Problem slug of a domain error code: TENANT.SLUG_TAKEN -> tenant-slug-taken. */
export function slugOfCode(code: string): string {
  return code.toLowerCase().replace(/[._]/g, '-');
}

export function problem(props: {
  slug: string;
  status: number;
  title: string;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
}): ProblemDocument {
  const extensions = props.errors && props.errors.length > 0 ? { errors: props.errors } : undefined;
  return new ProblemDocument(
    { type: problemType(props.slug), title: props.title, status: props.status, detail: props.detail, instance: props.instance ?? '' },
    extensions,
  );
}
