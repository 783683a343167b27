export const seizureRule = 2;
