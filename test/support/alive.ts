/** Awaits `p` with a timer keeping the event loop alive: worker threads are unref'd, as in the servers, so a test awaiting only them would end early. */
export async function alive<T>(p: Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 50);
  try {
    return await p;
  } finally {
    clearInterval(timer);
  }
}
