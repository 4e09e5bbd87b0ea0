/** Where a command or the demo writes lines; injectable so tests capture output. */
export interface LineOutput {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stdout is a terminal (progress bars only then). */
  isTty: boolean;
}
