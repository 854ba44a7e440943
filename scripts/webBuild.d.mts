export const root: string;
export function newestMtime(paths: string[]): number;
export function webBuildState(
  webDir?: string,
  extraSources?: string[],
): { state: 'none' } | { state: 'fresh' } | { state: 'build'; reason: string };
