/** word-extractor (reads legacy .doc files) ships no types; only what we call is declared. */
declare module 'word-extractor' {
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<{ getBody(): string }>;
  }
}
