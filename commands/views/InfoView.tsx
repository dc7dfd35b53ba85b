/** `onnx info` on a terminal: the facts of commands/text/info.ts, with the op histogram as bars. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { InfoReport } from '../../src/report/info.js';
import type { ValueSummary } from '../../src/report/value-summary.js';
import { formatBytes, formatCount, formatShape, formatSi } from '../text/format.js';
import { Section, Table, barText, type Cell } from './components.js';

const OPS_SHOWN = 12;
const BAR = 24;

export function ValueTable({ values }: { values: readonly ValueSummary[] }): ReactNode {
  if (values.length === 0) return <Text dimColor>{'  (none)'}</Text>;
  return <Table rows={values.map((v) => [v.name, v.dtype ?? '?', formatShape(v.shape)])} columns={[{ color: 'cyan' }, { color: 'green' }, {}]} />;
}

/** Op types as bars scaled to the most frequent one. */
function OpHistogram({ ops }: { ops: Record<string, number> }): ReactNode {
  const entries = Object.entries(ops);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const rows: Cell[][] = entries.slice(0, OPS_SHOWN).map(([op, n]) => [op, formatCount(n), { text: barText(n / max, BAR), color: 'blue' }]);
  return (
    <>
      <Table rows={rows} columns={[{}, { align: 'right' }, {}]} />
      {entries.length > OPS_SHOWN ? <Text dimColor>{`  +${entries.length - OPS_SHOWN} more types`}</Text> : null}
    </>
  );
}

function facts(r: InfoReport): Cell[][] {
  const g = r.graph;
  const rows: Cell[][] = [];
  const producer = [r.producer.name, r.producer.version].filter(Boolean).join(' ');
  if (producer) rows.push(['producer', producer]);
  if (r.domain) rows.push(['domain', r.domain]);
  if (r.modelVersion !== null) rows.push(['version', String(r.modelVersion)]);
  rows.push([
    'graph',
    `${g.name ? `${g.name}: ` : ''}${formatCount(g.nodes)} nodes` +
      (g.nodesInSubgraphs ? ` (+${formatCount(g.nodesInSubgraphs)} in ${g.subgraphs} subgraphs)` : '') +
      `, ${formatCount(g.initializers)} initializers`,
  ]);
  rows.push(['parameters', `${formatCount(g.parameters)} (${formatBytes(g.parameterBytes)})`]);
  if (r.externalData.files.length) rows.push(['external', `${formatBytes(r.externalData.bytes)} in ${r.externalData.files.join(', ')}`]);
  if (r.flops !== null) {
    const assumed = r.flopsAssumptions?.length ? ` (${r.flopsAssumptions.join(', ')} = 1)` : '';
    rows.push(['FLOPs', `${formatSi(r.flops)} per run${assumed}`]);
  }
  for (const [k, v] of Object.entries(r.metadata)) rows.push([`meta ${k}`, v.length > 80 ? `${v.slice(0, 77)}...` : v]);
  return rows;
}

export default function InfoView({ report: r }: { report: InfoReport }): ReactNode {
  const g = r.graph;
  const opsets = Object.entries(r.opsets)
    .map(([d, v]) => `${d || 'ai.onnx'} ${v}`)
    .join(', ');
  const total = r.flops || 1;
  const flopsByOp = Object.entries(r.flopsByOp ?? {}).slice(0, 8);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{r.path}</Text>
        <Text dimColor>{`  ${formatBytes(r.bytes)} · IR ${r.irVersion} · opset ${opsets || '(none)'}`}</Text>
      </Text>
      <Table rows={facts(r)} columns={[{ dim: true }, {}]} indent={0} />
      <Section title="inputs" note={String(g.inputs.length)}>
        <ValueTable values={g.inputs} />
      </Section>
      <Section title="outputs" note={String(g.outputs.length)}>
        <ValueTable values={g.outputs} />
      </Section>
      {g.nodes > 0 ? (
        <Section title="ops" note={`${formatCount(g.nodes)} nodes, ${Object.keys(g.ops).length} types`}>
          <OpHistogram ops={g.ops} />
        </Section>
      ) : null}
      {g.nodesInSubgraphs > 0 ? (
        <Section title="ops in subgraphs" note={`${formatCount(g.nodesInSubgraphs)} nodes in ${g.subgraphs} subgraphs`}>
          <OpHistogram ops={g.opsInSubgraphs} />
        </Section>
      ) : null}
      {flopsByOp.length > 0 ? (
        <Section title="FLOPs by op type">
          <Table
            rows={flopsByOp.map(([k, v]) => [k, formatSi(v), `${((100 * v) / total).toFixed(1)}%`, { text: barText(v / total, BAR), color: 'magenta' }])}
            columns={[{}, { align: 'right' }, { align: 'right' }, {}]}
          />
        </Section>
      ) : null}
      {g.functions.length > 0 ? (
        <Section title="functions">
          <Table rows={g.functions.map((f) => [`${f.domain}::${f.name}${f.overload ? `:${f.overload}` : ''}`, `${f.nodes} nodes`])} columns={[{ color: 'cyan' }, {}]} />
        </Section>
      ) : null}
      {r.docString ? (
        <Section title="doc">
          <Box paddingLeft={2}>
            <Text>{r.docString.replace(/\s+/g, ' ').slice(0, 400)}</Text>
          </Box>
        </Section>
      ) : null}
    </Box>
  );
}
