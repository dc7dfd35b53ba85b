/** `onnx run` on a terminal: inputs, outputs with statistics, the comparison and the profile as tables. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { RunReport } from '../../src/report/run.js';
import { formatBytes, formatShape, formatSi } from '../text/format.js';
import { engineSummary, formatDiff, formatGflops, formatMs, formatStats, formatTolerance, percent } from '../text/run.js';
import { Section, Status, Table, barText, plural, type Cell } from './components.js';

const SLOWEST = 15;
const BAR = 16;

function Compare({ cmp }: { cmp: NonNullable<RunReport['compare']> }): ReactNode {
  const rows: Cell[][] = cmp.outputs.map((o) => [
    o.name,
    formatDiff(o.maxAbsDiff),
    formatDiff(o.maxRelDiff),
    o.reason ? o.reason : `${o.mismatched} / ${o.total}${o.total ? ` (${percent(o.mismatched / o.total)})` : ''}`,
    o.ok ? { text: '✔ ok', color: 'green' } : { text: '✖ DIFFERS', color: 'red', bold: true },
  ]);
  const bad = cmp.outputs.filter((o) => !o.ok).length;
  return (
    <Section title={`compare with ${cmp.against}`} note={`atol ${formatTolerance(cmp.atol)}, rtol ${formatTolerance(cmp.rtol)}`}>
      <Table header={['output', 'max abs', 'max rel', 'out of tolerance', '']} rows={rows} columns={[{ color: 'cyan' }, { align: 'right' }, { align: 'right' }, {}, {}]} />
      <Box paddingLeft={2}>
        <Status
          ok={bad === 0}
          word={bad === 0 ? `all ${plural(cmp.outputs.length, 'output')} match` : `${bad} of ${plural(cmp.outputs.length, 'output')} differ${bad === 1 ? 's' : ''}`}
          first
        />
      </Box>
    </Section>
  );
}

function Profile({ r }: { r: RunReport }): ReactNode {
  const profile = r.profile ?? [];
  const byOp = r.profileByOp ?? [];
  const total = profile.reduce((s, p) => s + p.ms, 0);
  const si = r.flops ? formatSi(r.flops) : '';
  const flops = r.flops ? `, ${si}${/[A-Z]$/.test(si) ? '' : ' '}FLOPs` : '';
  const note = `${plural(profile.length, 'node')}, ${formatMs(total)} ms per run${r.timing.repeat > 1 ? ` (mean of ${r.timing.repeat})` : ''}${flops}, peak memory ${formatBytes(r.memory.peakRssBytes)}`;
  const opRows: Cell[][] = byOp.map((p) => [
    p.opType,
    String(p.nodes),
    formatMs(p.ms),
    percent(p.share),
    p.flops !== undefined ? formatSi(p.flops) : '-',
    p.gflops !== undefined ? formatGflops(p.gflops) : '-',
    { text: barText(p.share, BAR), color: 'magenta' },
  ]);
  const nodeRows: Cell[][] = profile.slice(0, SLOWEST).map((p) => [p.node, p.opType, formatMs(p.ms), percent(p.share)]);
  const right = { align: 'right' } as const;
  return (
    <Section title="profile" note={note}>
      <Table header={['op type', 'nodes', 'ms', 'share', 'FLOPs', 'GFLOP/s', '']} rows={opRows} columns={[{}, right, right, right, right, right, {}]} />
      <Box marginTop={1}>
        <Text dimColor>{`  slowest nodes${profile.length > SLOWEST ? ` (${SLOWEST} of ${profile.length})` : ''}`}</Text>
      </Box>
      <Table header={['node', 'op type', 'ms', 'share']} rows={nodeRows} columns={[{ color: 'cyan' }, {}, right, right]} />
    </Section>
  );
}

export default function RunView({ report: r }: { report: RunReport }): ReactNode {
  const t = r.timing;
  const runs = t.repeat > 1 ? ` (median of ${t.repeat}${t.warmup ? `, ${t.warmup} warm-up` : ''})` : t.warmup ? ` (after ${t.warmup} warm-up)` : '';
  const inputs: Cell[][] = r.inputs.map((i) => [i.name, i.dtype ?? '?', formatShape(i.shape), { text: i.source === 'file' ? i.file! : `random (seed ${r.seed})`, dim: true }]);
  const outputs: Cell[][] = r.outputs.map((o) => [
    o.name,
    o.dtype ?? '?',
    o.shape ? formatShape(o.shape) : o.items !== undefined ? plural(o.items, 'item') : '',
    formatStats(o.stats),
    { text: o.file ? `→ ${o.file}${o.storedAs ? ` (as ${o.storedAs})` : ''}` : '', dim: true },
  ]);
  const valueColumns = [{ color: 'cyan' }, { color: 'green' }, {}, {}, {}] as const;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{r.model}</Text>
        <Text dimColor>{`  loaded in ${formatMs(t.loadMs)} ms · ran in ${formatMs(t.medianMs)} ms${runs}`}</Text>
      </Text>
      <Text dimColor>{`  ${engineSummary(r.engine)}`}</Text>
      <Section title="inputs" note={String(r.inputs.length)}>
        {inputs.length ? <Table rows={inputs} columns={[...valueColumns]} /> : <Text dimColor>{'  (none)'}</Text>}
      </Section>
      <Section title="outputs" note={String(r.outputs.length)}>
        <Table rows={outputs} columns={[...valueColumns]} />
        {r.intermediates ? <Text dimColor>{`  ${plural(r.intermediates.count, 'value')} written to ${r.intermediates.dir}`}</Text> : null}
      </Section>
      {r.compare ? <Compare cmp={r.compare} /> : null}
      {r.profile && r.profileByOp ? <Profile r={r} /> : null}
    </Box>
  );
}
