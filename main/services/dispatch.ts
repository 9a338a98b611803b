import { ApiError, calls, type CallContext, type CallName, type Handlers } from '../../shared/api';

export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * The one place a call crosses into the services, shared by both transports: arguments are validated against the
 * contract before any handler runs, results are validated before they leave, and every failure becomes a plain
 * {code, message} the renderer can show.
 */
export async function dispatchCall(
  handlers: Handlers,
  name: CallName,
  rawArgs: unknown,
  ctx: CallContext,
): Promise<DispatchOutcome> {
  const spec = calls[name];
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'bad_args', message: `Invalid arguments for ${name}: ${detail}` } };
  }
  try {
    const handler = handlers[name] as (args: unknown, ctx: CallContext) => Promise<unknown>;
    const result = await handler(parsed.data, ctx);
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      return {
        ok: false,
        error: { code: 'bad_result', message: `${name} produced an invalid result: ${checked.error.message}` },
      };
    }
    return { ok: true, result: checked.data };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
    const e = err as NodeJS.ErrnoException;
    return { ok: false, error: { code: e.code ?? 'failed', message: e.message ?? String(err) } };
  }
}
