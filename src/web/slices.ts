// Turns on the request thread for its longer steps (starting a request, planning a page,
// building its panels, rendering it): one step per turn of the event loop, in the order they
// asked. Between two steps the loop runs its timers and its I/O (a static file, another client's
// short request), so however many pages are under way at once, no stretch of this thread's work
// is much longer than its longest single step. A reader alone waits one loop turn per step.

const waiting: (() => void)[] = [];
let scheduled = false;

/** Resolves on a turn of the event loop of its own: await it before a step that takes a while. */
export function nextSlice(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(runOne);
    }
  });
}

/** Let one step go on (it runs in this callback's microtasks), and the next on the loop's next turn. */
function runOne(): void {
  waiting.shift()?.();
  // An immediate set from inside an immediate runs on the loop's next turn, after its I/O.
  if (waiting.length > 0) setImmediate(runOne);
  else scheduled = false;
}
