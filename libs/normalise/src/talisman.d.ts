// talisman ships CommonJS without type declarations; only the modules used here are declared.
declare module 'talisman/phonetics/double-metaphone' {
  /** Primary and alternate Double Metaphone codes, each at most four characters. */
  function doubleMetaphone(word: string): [string, string];
  export = doubleMetaphone;
}
