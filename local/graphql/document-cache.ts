/**
 * Documents that passed every check that depends on the text alone (length and bracket nesting,
 * syntax, operation size, validation against the schema), kept by their text so a client that
 * sends the same operation again skips lexing, parsing and validating it: these are pure
 * functions of the schema and the text, and graphql-js never changes a parsed document.
 * Refused documents are not kept (they are rare, and keeping them would let a client fill the
 * cache with junk at no cost to itself). Bounded in entries and in the text length it keeps.
 */
import type { DocumentNode } from 'graphql';
import { LruMap } from '../runtime/static/lru-map';

/** Distinct operations kept; a client of this API sends a few dozen. */
export const DOCUMENT_CACHE_ENTRIES = 256;
/**
 * Longer texts are checked afresh each time. With the entry count this bounds the memory: at
 * most 256 x 8 KiB of text plus its syntax tree (tens of MB in the worst case, a few MB for real
 * operations; SendMessage is under 300 characters).
 */
export const DOCUMENT_CACHE_MAX_TEXT = 8_192;

export class DocumentCache {
  private readonly documents = new LruMap<string, DocumentNode>(DOCUMENT_CACHE_ENTRIES);

  /** The checked document for this exact text, if it was seen recently. */
  get(text: string): DocumentNode | undefined {
    return text.length > DOCUMENT_CACHE_MAX_TEXT ? undefined : this.documents.get(text);
  }

  /** Keeps a document that passed all text-only checks. */
  remember(text: string, document: DocumentNode): void {
    if (text.length <= DOCUMENT_CACHE_MAX_TEXT) this.documents.set(text, document);
  }

  get size(): number {
    return this.documents.size;
  }
}
