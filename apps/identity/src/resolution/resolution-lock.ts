/**
 * Advisory locks for the two rare changes every identity worker shares: the
 * active model and the active threshold set. Each is taken only while one is
 * activated (at boot, or when the gallery outgrew the set), so two workers
 * never activate two versions at once. Resolution batches lock nothing
 * global: they lock the persons they touch and wait only for the batches
 * whose records they must see (docs/adr/0013-resolution-without-a-global-lock.md).
 */
export const MODEL_ACTIVATION_LOCK = 0x69646e75;
export const THRESHOLD_ACTIVATION_LOCK = 0x69646e76;
