/** `onnx edit` on a terminal: the changes, the diagnostics, the resulting interface and what was written. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { EditReport } from '../../src/report/edit.js';
import { Section, Status, Table, plural } from './components.js';
import { Diagnostics } from './Diagnostics.js';
import { ValueTable } from './InfoView.js';

export default function EditView({ report: r }: { report: EditReport }): ReactNode {
  const facts = `${plural(r.result.nodes, 'node')} · ${plural(r.result.errors, 'error')}, ${plural(r.result.warnings, 'warning')}`;
  const what = !r.valid ? 'nothing written' : r.output ? `wrote ${r.output}` : `${r.dryRun ? 'dry run, ' : ''}nothing written`;
  return (
    <Box flexDirection="column">
      <Section title="changes" note={String(r.changes.length)} first>
        {r.changes.length ? (
          <Table rows={r.changes.map((ch) => [ch.op, ch.summary])} columns={[{ color: 'cyan' }, {}]} />
        ) : (
          <Text dimColor>{'  (none)'}</Text>
        )}
      </Section>
      <Diagnostics diagnostics={r.diagnostics} severities={['error', 'warning']} />
      <Section title="inputs" note={String(r.result.inputs.length)}>
        <ValueTable values={r.result.inputs} />
      </Section>
      <Section title="outputs" note={String(r.result.outputs.length)}>
        <ValueTable values={r.result.outputs} />
      </Section>
      <Status ok={r.valid} word={r.valid ? 'valid' : 'invalid'}>
        {what}
      </Status>
      <Text dimColor>{`  ${facts}`}</Text>
    </Box>
  );
}
