/** `onnx check` on a terminal: diagnostics by severity, coloured, then the verdict and a summary. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { CheckReport } from '../../src/report/check.js';
import { formatShape } from '../text/format.js';
import { Section, Status, Table, plural } from './components.js';
import { Diagnostics } from './Diagnostics.js';

export default function CheckView({ report: r }: { report: CheckReport }): ReactNode {
  const opsets = Object.entries(r.summary.opsets)
    .map(([d, v]) => `${d || 'ai.onnx'} ${v}`)
    .join(', ');
  const values = r.values ? Object.entries(r.values) : undefined;
  const { errors, warnings } = r.summary;
  return (
    <Box flexDirection="column">
      <Diagnostics diagnostics={r.diagnostics} first />
      {values ? (
        <Section title="values" note={String(values.length)} first={r.diagnostics.length === 0}>
          <Table rows={values.map(([name, v]) => [name, v.dtype ?? '?', formatShape(v.shape)])} columns={[{ color: 'cyan' }, { color: 'green' }, {}]} />
        </Section>
      ) : null}
      <Status ok={r.valid} word={r.valid ? 'valid' : 'invalid'} first={r.diagnostics.length === 0 && !values}>
        {r.path}
      </Status>
      <Text>
        {'  '}
        <Text dimColor>{`${plural(r.summary.nodes, 'node')} · opset ${opsets || 'none'} · `}</Text>
        <Text color={errors ? 'red' : 'green'}>{plural(errors, 'error')}</Text>
        <Text dimColor>, </Text>
        <Text {...(warnings ? { color: 'yellow' as const } : { dimColor: true })}>{plural(warnings, 'warning')}</Text>
      </Text>
      {r.output ? <Text>{`  wrote ${r.output} with value_info for every value`}</Text> : null}
    </Box>
  );
}
