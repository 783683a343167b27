export const seizureApp = 'seizure';
