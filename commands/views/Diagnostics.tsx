/** Diagnostics grouped by severity (errors first), each with its mark, code and message. */
import type { ReactNode } from 'react';
import { Box } from 'ink';
import type { Diagnostic } from '../../src/util/diagnostics.js';
import { Section, SEVERITY_STYLE, Table } from './components.js';

export function Diagnostics({
  diagnostics,
  severities = ['error', 'warning', 'info'],
  first = false,
}: {
  diagnostics: readonly Diagnostic[];
  severities?: readonly Diagnostic['severity'][];
  /** Nothing above: no blank line before the first group. */
  first?: boolean;
}): ReactNode {
  const groups = severities.map((severity) => ({ severity, ds: diagnostics.filter((d) => d.severity === severity) })).filter((g) => g.ds.length > 0);
  return (
    <Box flexDirection="column">
      {groups.map(({ severity, ds }, i) => {
        const { mark, color } = SEVERITY_STYLE[severity];
        return (
          <Section key={severity} title={`${severity}s`} note={String(ds.length)} first={first && i === 0}>
            <Table rows={ds.map((d) => [`${mark} ${d.code}`, d.message])} columns={[{ color, bold: severity === 'error' }, {}]} />
          </Section>
        );
      })}
    </Box>
  );
}
