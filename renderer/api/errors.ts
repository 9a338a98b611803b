import { ApiError, ApiErrorSchema } from '../../shared/api/contract';

/**
 * Every failure the renderer sees is an ApiError {code, message}. Electron's invoke prefixes the main side's message
 * ("Error invoking remote method 'api:call': Error: {…}"), so the JSON is found inside the text, not assumed to be it.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      const parsed = ApiErrorSchema.safeParse(JSON.parse(message.slice(start)));
      if (parsed.success) return new ApiError(parsed.data.code, parsed.data.message);
    } catch {
      // not JSON after all: fall through
    }
  }
  if (err instanceof TypeError) return new ApiError('network', message);
  return new ApiError('failed', message);
}

/** An HTTP error response: its JSON body when it has one, else the status. */
export function httpError(status: number, body: string): ApiError {
  try {
    const parsed = ApiErrorSchema.safeParse(JSON.parse(body));
    if (parsed.success) return new ApiError(parsed.data.code, parsed.data.message);
  } catch {
    // plain text or empty body
  }
  const code = status === 401 ? 'unauthorized' : status === 413 ? 'too_large' : `http_${status}`;
  return new ApiError(code, body.trim() || `HTTP ${status}`);
}
