import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/** CPU time (ms) all processes of the machine have used so far, from Linux's /proc/stat; null elsewhere. */
export function machineBusyMs(): number | null {
  try {
    // user nice system idle iowait irq softirq steal …, in clock ticks (USER_HZ, 100 on Linux).
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
  } catch {
    return null;
  }
}

/**
 * Reads `file` once, so that a measurement after it starts from the page cache (this VM drops clean pages within
 * a minute even with memory free, and a cold read of the bench database adds seconds).
 */
export function warmPageCache(file: string): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, 'r');
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}
