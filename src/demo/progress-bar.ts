import type { LineOutput } from '../report/line-output.js';

export interface ProgressBar {
  tick(label?: string): void;
  /** Sets the label shown beside the bar (e.g. the compressed day). */
  label(text: string): void;
  done(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

/**
 * A one-line `\r` progress bar on a terminal; elsewhere (CI, pipes, tests) a line per label change, so logs stay
 * readable.
 */
export function progressBar(io: LineOutput, total: number, write: (text: string) => void = (t) => process.stdout.write(t)): ProgressBar {
  let done = 0;
  let current = '';
  let drawnAt = 0;
  const draw = (force = false): void => {
    const now = Date.now();
    if (!io.isTty || (!force && now - drawnAt < REDRAW_MS)) return;
    drawnAt = now;
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * WIDTH);
    write(`\r[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${done}/${total} 条回调  ${current}\x1b[K`);
  };
  return {
    tick() {
      done += 1;
      draw();
    },
    label(text) {
      current = text;
      if (io.isTty) draw(true);
      else io.out(`  ${text}（已发送 ${done}/${total} 条回调）`);
    },
    done() {
      done = total;
      draw(true);
      if (io.isTty) write('\n');
    },
  };
}
