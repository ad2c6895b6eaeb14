/** The file URL of dist/<entry>.js; exits with one line when Credence has not been built. */
export function distEntry(entry: string): string;
/** Whether the build in dist/ is older than some file in src/ (or missing). */
export function buildIsStale(root?: string): boolean;
