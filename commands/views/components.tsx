/**
 * Building blocks shared by the ink views: headings, aligned tables whose last column wraps
 * within the terminal, bars for shares, and the status line that ends a report.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { formatCount } from '../text/format.js';

/** A named ink colour (chalk's names). */
export type Colour = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray' | 'white';

export interface CellStyle {
  color?: Colour;
  bold?: boolean;
  dim?: boolean;
}

/** A table cell: plain text, or text with a style of its own. */
export type Cell = string | ({ text: string } & CellStyle);

export interface Column extends CellStyle {
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

function cellText(c: Cell): string {
  return typeof c === 'string' ? c : c.text;
}

function cellStyle(c: Cell, col: Column | undefined): CellStyle {
  const own = typeof c === 'string' ? {} : c;
  return { ...col, ...own };
}

function Styled({ text, style, wrap }: { text: string; style: CellStyle; wrap?: 'wrap' | 'truncate-end' }): ReactNode {
  return (
    <Text {...(style.color ? { color: style.color } : {})} bold={!!style.bold} dimColor={!!style.dim} wrap={wrap ?? 'wrap'}>
      {text}
    </Text>
  );
}

/**
 * Columns as wide as their widest cell (two spaces apart); the last column takes the rest of the
 * line and wraps there, so long messages stay readable in a narrow terminal.
 */
export function Table({ rows, columns = [], header, indent = 2 }: { rows: Cell[][]; columns?: Column[]; header?: string[]; indent?: number }): ReactNode {
  const all = header ? [header as Cell[], ...rows] : rows;
  const widths: number[] = [];
  for (const r of all) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, cellText(c).length)));
  const last = widths.length - 1;
  return (
    <Box flexDirection="column" paddingLeft={indent}>
      {all.map((row, ri) => (
        <Box key={ri}>
          {row.map((cell, ci) => {
            const isHeader = !!header && ri === 0;
            const style: CellStyle = isHeader ? { dim: true } : cellStyle(cell, columns[ci]);
            const right = columns[ci]?.align === 'right';
            if (ci === last && !right) {
              return (
                <Box key={ci} flexGrow={1} flexShrink={1}>
                  <Styled text={cellText(cell)} style={style} />
                </Box>
              );
            }
            if (ci === last) {
              return (
                <Box key={ci} width={widths[ci]!} flexShrink={0} justifyContent="flex-end">
                  <Styled text={cellText(cell)} style={style} wrap="truncate-end" />
                </Box>
              );
            }
            return (
              <Box key={ci} width={widths[ci]! + 2} flexShrink={0} paddingRight={2} justifyContent={right ? 'flex-end' : 'flex-start'}>
                <Styled text={cellText(cell)} style={style} wrap="truncate-end" />
              </Box>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

/** A section title: bold, with an optional dim note after it. */
export function Heading({ title, note }: { title: string; note?: string }): ReactNode {
  return (
    <Text>
      <Text bold>{title}</Text>
      {note ? <Text dimColor>{`  ${note}`}</Text> : null}
    </Text>
  );
}

/** A titled block, its content indented under the title; a blank line above unless it comes first. */
export function Section({ title, note, first = false, children }: { title: string; note?: string; first?: boolean; children: ReactNode }): ReactNode {
  return (
    <Box flexDirection="column" marginTop={first ? 0 : 1}>
      <Heading title={title} {...(note !== undefined ? { note } : {})} />
      {children}
    </Box>
  );
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `share` (0..1) of a `width`-cell track, to eighths of a cell (no padding). */
export function barText(share: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, share)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

/** The closing verdict: a coloured mark and word, then what it is about. */
export function Status({ ok, word, first = false, children }: { ok: boolean; word: string; first?: boolean; children?: ReactNode }): ReactNode {
  return (
    <Box marginTop={first ? 0 : 1}>
      <Text color={ok ? 'green' : 'red'} bold>{`${ok ? '✔' : '✖'} ${word}`}</Text>
      {children ? <Text>{'  '}{children}</Text> : null}
    </Box>
  );
}

export const SEVERITY_STYLE = {
  error: { mark: '✖', color: 'red' },
  warning: { mark: '▲', color: 'yellow' },
  info: { mark: 'ℹ', color: 'blue' },
} as const satisfies Record<string, { mark: string; color: Colour }>;

/** "1 node", "20,048 nodes". */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
