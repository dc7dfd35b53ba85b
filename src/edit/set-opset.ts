/**
 * `--set-opset 17` / `--set-opset ai.onnx.ml=3`: the opset a domain is imported at. Nodes are not
 * converted: the check after the edits reports any node the new version does not accept.
 */
import { normalizeDomain } from '../ir/node.js';
import { KNOWN_OPSETS } from '../ops/known-opsets.js';
import { argError, editError, type EditSession } from './session.js';
import type { EditChange, SetOpsetEdit } from './types.js';

export function setOpset(s: EditSession, e: SetOpsetEdit): EditChange {
  const domain = normalizeDomain(e.domain ?? '');
  const label = domain || 'ai.onnx';
  if (!Number.isSafeInteger(e.version) || e.version < 1) throw argError(`set-opset ${label}: the version must be an integer >= 1, got ${e.version}`);
  const known = KNOWN_OPSETS[domain];
  if (known !== undefined && e.version > known) {
    throw editError(`set-opset: ${label} has no opset ${e.version} (the newest is ${known})`);
  }
  const from = s.model.opsetOf(domain);
  s.model.setOpset(domain, e.version);
  s.typesStale = true;
  return {
    op: 'set-opset',
    domain,
    from: from ?? null,
    to: e.version,
    summary: `opset ${label}: ${from ?? '(none)'} -> ${e.version}${from !== undefined && from !== e.version ? ' (nodes are not converted; the check below validates them)' : ''}`,
  };
}
