// A miniature Mosaic workspace that breaks the module-boundary rules on purpose;
// tools/__tests__/module-boundaries.spec.ts lints it with the real constraints.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import { moduleBoundariesRule } from '../../eslint/dep-constraints.mjs';

export default tseslint.config({
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { '@nx': nx },
  rules: { '@nx/enforce-module-boundaries': moduleBoundariesRule },
});
