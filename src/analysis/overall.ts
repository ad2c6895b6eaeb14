// The overall model of a project: the one whose imports reach the most other models (the first
// in the folder's order on a tie). The predictions' implied credences are read inside it, so a
// resolution that is evidence for it moves every prediction it values.

import type { Project } from '../model/project.ts';

/** How many other models `id` reaches through its imports, however indirectly. */
function reach(project: Project, id: string): number {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const imp of Object.values(project.models.get(stack.pop()!)?.imports ?? {}))
      if (imp.modelId !== id && !seen.has(imp.modelId)) {
        seen.add(imp.modelId);
        stack.push(imp.modelId);
      }
  }
  return seen.size;
}

export function overallModel(project: Project): string | null {
  let best: string | null = null;
  let most = -1;
  for (const id of project.models.keys()) {
    const n = reach(project, id);
    if (n > most) [best, most] = [id, n];
  }
  return best;
}
