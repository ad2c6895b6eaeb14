// How long one test may take (vitest's testTimeout), and so the longest a test waits for what
// the server does. A server-side wait given this never ends before the test would have failed
// anyway: what the test sees then depends on the server's state, never on how busy the machine
// is (two vitest workers and other programs may share its cores).

export const TEST_TIMEOUT_MS = 300_000;

/** A server-side wait (refresh, page budget, first screen) that in a test only state ends. */
export const UNTIL_READY_MS = TEST_TIMEOUT_MS;
