// --pretty and --style: whether (and how) bodies and -i heads bound for stdout are shown for a person. On a
// terminal by default, with colours unless NO_COLOR; never on a pipe or a file unless --pretty asks.
import type { BodyPresenter } from '../engine/index.js';
import { QurlError } from '../errors/index.js';
import { createStdoutPresenter, STYLES, type StyleName } from '../render/index.js';
import { isStreamTty } from './outputs.js';

const MODES = ['all', 'colors', 'format', 'none'] as const;
type PrettyMode = (typeof MODES)[number];

export function stdoutPresenter(values: Readonly<Record<string, unknown>>): BodyPresenter | undefined {
  const pretty = values.pretty as string | undefined;
  const style = (values.style as string | undefined) ?? 'default';
  if (pretty !== undefined && !MODES.includes(pretty as PrettyMode)) throw new QurlError('bad-option', `--pretty: expected all, colors, format or none, got "${pretty}"`);
  if (!STYLES.includes(style as StyleName)) throw new QurlError('bad-option', `--style: expected ${STYLES.join(', ')}, got "${style}"`);
  const terminal = isStreamTty(process.stdout);
  const mode: PrettyMode = (pretty as PrettyMode | undefined) ?? (!terminal ? 'none' : process.env.NO_COLOR ? 'format' : 'all');
  if (mode === 'none' && !terminal) return undefined;
  return createStdoutPresenter({ format: mode === 'all' || mode === 'format', colors: mode === 'all' || mode === 'colors', style: style as StyleName, terminal });
}
