/**
 * The live progress view on a terminal (stderr): completed steps and printed lines in <Static>
 * (they stay on screen), and under them one live line: spinner, step, bar, amount, detail, time.
 * Loaded lazily, like every view; inkProgressSink is what output.ts plugs into the controller.
 */
import { PassThrough } from 'node:stream';
import type { ReactNode } from 'react';
import chalk from 'chalk';
import { Box, Static, Text, render, type Instance } from 'ink';
import type { OutStream } from '../shared/io.js';
import { formatAmount, formatSeconds, fraction, spinnerFrame, type LogItem, type ProgressSink, type ProgressSnapshot } from '../shared/progress.js';
import { barText } from './components.js';

const BAR = 20;

function LogLine({ item }: { item: LogItem }): ReactNode {
  if (item.kind === 'note') return <Text>{item.text}</Text>;
  return (
    <Text>
      {item.failed ? <Text color="red">✖</Text> : <Text color="green">✔</Text>}
      {` ${item.text}`}
      <Text dimColor>{`  ${formatSeconds(item.ms ?? 0)}`}</Text>
    </Text>
  );
}

function LiveLine({ s }: { s: ProgressSnapshot }): ReactNode {
  const c = s.current!;
  const f = fraction(c);
  const amount = formatAmount(c);
  const bar = f !== undefined ? barText(f, BAR) : '';
  return (
    <Box>
      <Text wrap="truncate-end">
        <Text color="cyan">{spinnerFrame(s.ms)}</Text>
        {` ${c.label}`}
        {f !== undefined ? (
          <>
            {'  '}
            <Text color="cyan">{bar}</Text>
            <Text dimColor>{'·'.repeat(BAR - bar.length)}</Text>
            {` ${String(Math.floor(100 * f)).padStart(3)}%`}
          </>
        ) : null}
        {amount ? <Text dimColor>{`  ${amount}`}</Text> : null}
        {c.detail ? <Text>{`  ${c.detail}`}</Text> : null}
        <Text dimColor>{`  ${formatSeconds(s.ms)}`}</Text>
      </Text>
    </Box>
  );
}

export function ProgressView({ snapshot }: { snapshot: ProgressSnapshot }): ReactNode {
  return (
    <>
      <Static items={[...snapshot.log]}>{(item) => <LogLine key={item.id} item={item} />}</Static>
      {snapshot.current ? <LiveLine s={snapshot} /> : null}
    </>
  );
}

type Listener = (...args: unknown[]) => void;
type Events = { on?(e: string, f: Listener): unknown; off?(e: string, f: Listener): unknown };

/**
 * The stream as ink sees it. Tests hand the CLI plain objects, and a terminal without a size
 * reports 0 columns and 0 rows (ink would then take every frame for a full screen and clear the
 * terminal), so ink gets the few members it uses, with sizes that make sense.
 */
function inkStream(s: OutStream & Events & { rows?: number }): NodeJS.WriteStream {
  const stub = {
    write: (chunk: string) => s.write(chunk),
    get columns() {
      return s.columns || 80;
    },
    get rows() {
      return s.rows || 24;
    },
    isTTY: true,
    on: (e: string, f: Listener) => (s.on?.(e, f), stub),
    off: (e: string, f: Listener) => (s.off?.(e, f), stub),
  };
  return stub as unknown as NodeJS.WriteStream;
}

/** A progress sink that renders ProgressView with ink on `stream`, mounted at the first draw. */
export function inkProgressSink(stream: OutStream): ProgressSink {
  const target = inkStream(stream);
  let instance: Instance | undefined;
  let levelBefore: typeof chalk.level | undefined;
  const draw = (s: ProgressSnapshot): void => {
    const node = <ProgressView snapshot={s} />;
    if (instance) {
      instance.rerender(node);
      return;
    }
    // Colour was decided by the command (ink mode means colour); ink reads chalk's default level.
    levelBefore = chalk.level;
    if (chalk.level === 0) chalk.level = 1;
    // Progress reads no keys: a stdin of its own keeps ink away from the terminal's input.
    instance = render(node, { stdout: target, stderr: target, stdin: new PassThrough() as unknown as NodeJS.ReadStream, patchConsole: false, exitOnCtrlC: false });
  };
  return {
    draw,
    print(text, s, shown) {
      if (shown && instance) draw(s);
      else stream.write(`${text}\n`);
    },
    close(s) {
      if (!instance) return;
      draw(s);
      instance.unmount();
      instance.cleanup();
      instance = undefined;
      if (levelBefore !== undefined) chalk.level = levelBefore;
    },
  };
}
