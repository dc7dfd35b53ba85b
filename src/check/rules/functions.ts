/** Rules for model-local functions: unique ids, attribute references, opsets, recursion. */
import { AttrType } from '../../ir/attributes.js';
import type { FunctionDef } from '../../ir/model.js';
import { normalizeDomain } from '../../ir/node.js';
import type { CheckContext } from '../context.js';

export function checkFunctions(ctx: CheckContext): void {
  const m = ctx.model;
  const keys = new Set<string>();
  for (const f of m.functions) {
    const label = `function "${f.domain}::${f.name}${f.overload ? `:${f.overload}` : ''}"`;
    if (!f.name) ctx.report({ severity: 'error', code: 'E_EMPTY_NAME', message: 'a function has no name' });
    if (keys.has(f.key)) ctx.report({ severity: 'error', code: 'E_FUNCTION_DUPLICATE', message: `${label} is defined twice` });
    keys.add(f.key);
    const attrs = new Set([...f.attributeNames, ...f.attributeDefaults.map((a) => a.name)]);
    for (const a of f.attributeDefaults) {
      if (f.attributeNames.includes(a.name)) {
        ctx.report({ severity: 'error', code: 'E_FUNCTION_ATTR', message: `${label}: attribute "${a.name}" is both listed by name and given a default` });
      }
    }
    for (const n of f.body.allNodes()) {
      for (const a of n.attributes.values()) {
        if (a.refAttrName !== undefined && !attrs.has(a.refAttrName)) {
          ctx.report({
            severity: 'error',
            code: 'E_ATTR_REF',
            message: `${label}: node "${n.name}" attribute "${a.name}" refers to "${a.refAttrName}", which the function does not declare`,
            node: n.name,
            opType: n.opType,
          });
        }
        if (a.type === AttrType.UNDEFINED && a.refAttrName === undefined) {
          ctx.report({ severity: 'error', code: 'E_ATTR_TYPE', message: `${label}: node "${n.name}" attribute "${a.name}" has no value`, node: n.name });
        }
      }
    }
    for (const o of f.opsetImports) {
      const mv = m.opsetOf(o.domain);
      if (mv !== undefined && mv !== o.version) {
        ctx.report({
          severity: 'warning',
          code: 'W_FUNCTION_OPSET',
          message: `${label} imports "${normalizeDomain(o.domain) || 'ai.onnx'}" ${o.version} but the model imports ${mv}`,
        });
      }
    }
  }
  for (const f of m.functions) {
    if (callsItself(f, m.functions)) {
      ctx.report({ severity: 'error', code: 'E_FUNCTION_RECURSIVE', message: `function "${f.domain}::${f.name}" calls itself (directly or through other functions)` });
    }
  }
}

function callsItself(f: FunctionDef, all: readonly FunctionDef[]): boolean {
  const seen = new Set<FunctionDef>();
  const stack = [f];
  while (stack.length) {
    const cur = stack.pop()!;
    for (const n of cur.body.allNodes()) {
      const callee = all.find((g) => g.key === `${normalizeDomain(n.domain)}::${n.opType}${n.overload ? `:${n.overload}` : ''}`);
      if (!callee) continue;
      if (callee === f) return true;
      if (!seen.has(callee)) {
        seen.add(callee);
        stack.push(callee);
      }
    }
  }
  return false;
}
