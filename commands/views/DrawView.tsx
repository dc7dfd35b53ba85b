/** `onnx draw` on a terminal: what was written, how big, how long, and what was collapsed. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { DrawReport } from '../../src/report/draw.js';
import { formatBytes, formatCount } from '../text/format.js';
import { formatSeconds } from '../shared/progress.js';
import { Table } from './components.js';

const ENGINE = { dot: 'Graphviz dot', layered: 'layered layout', none: 'no layout' } as const;

export default function DrawView({ report: r }: { report: DrawReport }): ReactNode {
  const t = r.timings;
  const rows = [
    ['boxes', `${formatCount(r.nodesDrawn)} drawn for ${formatCount(r.modelNodes)} nodes`],
    ['layout', ENGINE[r.layout]],
    ['time', `load ${t.loadMs} ms · infer ${t.inferMs} ms · layout ${t.layoutMs} ms · render ${t.renderMs} ms`],
  ];
  if (r.collapsedGroups > 0) {
    rows.push(['collapsed', r.collapseDepth === null ? `${formatCount(r.collapsedGroups)} repeated blocks` : `${formatCount(r.collapsedGroups)} name scopes at depth ${r.collapseDepth}`]);
  }
  return (
    <Box flexDirection="column">
      <Text>
        <Text color="green" bold>
          ✔ wrote
        </Text>
        <Text color="cyan">{` ${r.output}`}</Text>
        <Text dimColor>{`  ${r.format.toUpperCase()} · ${formatBytes(r.bytes)} · ${formatSeconds(r.ms)}`}</Text>
      </Text>
      <Table rows={rows} columns={[{ dim: true }, {}]} />
      {r.collapsedGroups > 0 ? <Text dimColor>{'  --collapse none draws every node; the .html viewer shows all'}</Text> : null}
    </Box>
  );
}
