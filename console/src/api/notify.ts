import { closeNotify, showNotify, showSuccessToast } from 'vant';

/** Runs a change; shows the server's one line when it is refused. True when it went through. */
export async function attempt(change: () => Promise<unknown>, done?: string): Promise<boolean> {
  closeNotify();
  try {
    await change();
    if (done) showSuccessToast(done);
    return true;
  } catch (failure) {
    showNotify({ type: 'danger', message: (failure as Error).message });
    return false;
  }
}
