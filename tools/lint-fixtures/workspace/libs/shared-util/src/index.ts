export const normalise = (s: string): string => s.trim();
