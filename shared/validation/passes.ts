import type { Finding } from '../model/document';
import type { RuleContext } from './context';

/**
 * Some checks are one reading that yields several rules' findings (a project form's sums give X12 and feed X11;
 * a self-evaluation line gives P1 and P3). Each rule's module asks for its own findings; the reading runs once
 * per validation run (the context), its cell tracing too.
 */
const runs = new WeakMap<RuleContext, Map<object, WeakMap<object, Finding[]>>>();

export function findingsOf<I extends object>(
  pass: (input: I, ctx: RuleContext) => void,
  input: I,
  ctx: RuleContext,
  rule: string,
): void {
  let byPass = runs.get(ctx);
  if (!byPass) {
    byPass = new Map();
    runs.set(ctx, byPass);
  }
  let byInput = byPass.get(pass);
  if (!byInput) {
    byInput = new WeakMap();
    byPass.set(pass, byInput);
  }
  let found = byInput.get(input);
  if (!found) {
    const sub: RuleContext = { ...ctx, out: [] };
    pass(input, sub);
    found = sub.out;
    byInput.set(input, found);
  }
  for (const f of found) if (f.rule === rule) ctx.out.push(f);
}
