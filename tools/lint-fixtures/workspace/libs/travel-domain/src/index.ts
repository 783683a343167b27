export const travelRule = 1;
