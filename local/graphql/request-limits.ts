/**
 * Checks a request against the bounds in ./limits, cheaply and before graphql-js does any work
 * that grows with them: the text before parsing (without recursion), the operations' size
 * before validation (each fragment measured once), the variables before coercion (without
 * recursion). Each check answers the message of the first bound exceeded, or null.
 */
import { Kind, Lexer, Source, TokenKind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import {
  MAX_DOCUMENT_CHARACTERS,
  MAX_DOCUMENT_NESTING,
  MAX_FIELDS_PER_OPERATION,
  MAX_QUERY_DEPTH,
  MAX_ROOT_FIELDS_PER_OPERATION,
  MAX_VARIABLES_NESTING,
} from './limits';

const opening = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const closing = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/** The document's length, and how deeply its brackets nest (the parser recurses on them). */
export function checkDocumentText(text: string): string | null {
  if (text.length > MAX_DOCUMENT_CHARACTERS) return `Query document is longer than ${MAX_DOCUMENT_CHARACTERS} characters`;
  const lexer = new Lexer(new Source(text));
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (opening.has(token.kind)) nesting += 1;
      else if (closing.has(token.kind)) nesting -= 1;
      if (nesting > MAX_DOCUMENT_NESTING) return `Query document nests brackets deeper than ${MAX_DOCUMENT_NESTING} levels`;
    }
  } catch {
    // A lexical error: the parser reports it with its position.
  }
  return null;
}

/** What a selection set adds up to once its fragments are expanded. */
interface Size {
  /** Field selections at every level. */
  fields: number;
  /** Field selections at this level (for a root selection set: the resolvers that run). */
  top: number;
  /** Levels of fields, the first included. */
  depth: number;
}

const none: Size = { fields: 0, top: 0, depth: 0 };

/**
 * Every operation's field count, root field count and depth, with each fragment spread counted
 * where it is spread. A fragment is measured once (so fan-out through fragments costs no more
 * than the text); counts that grow exponentially simply become Infinity. A spread that leads
 * back into a fragment being measured counts nothing: validation then reports the cycle.
 */
export function checkOperationSize(document: DocumentNode): string | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measured = new Map<string, Size>();
  const measuring = new Set<string>();

  const fragmentSize = (name: string): Size => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || measuring.has(name)) return none;
    measuring.add(name);
    const size = sizeOf(fragment.selectionSet);
    measuring.delete(name);
    measured.set(name, size);
    return size;
  };

  const sizeOf = (set: SelectionSetNode): Size => {
    const size = { fields: 0, top: 0, depth: 0 };
    for (const s of set.selections) {
      const inner = s.kind === Kind.FRAGMENT_SPREAD ? fragmentSize(s.name.value) : s.selectionSet ? sizeOf(s.selectionSet) : none;
      if (s.kind === Kind.FIELD) {
        size.fields += 1 + inner.fields;
        size.top += 1;
        size.depth = Math.max(size.depth, 1 + inner.depth);
      } else {
        size.fields += inner.fields;
        size.top += inner.top;
        size.depth = Math.max(size.depth, inner.depth);
      }
    }
    return size;
  };

  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const size = sizeOf(d.selectionSet);
    if (size.fields > MAX_FIELDS_PER_OPERATION) return `Query selects more than ${MAX_FIELDS_PER_OPERATION} fields (fragments expanded)`;
    if (size.top > MAX_ROOT_FIELDS_PER_OPERATION) return `Query selects more than ${MAX_ROOT_FIELDS_PER_OPERATION} root fields (fragments expanded)`;
    if (size.depth > MAX_QUERY_DEPTH) return `Query depth exceeds the limit of ${MAX_QUERY_DEPTH}`;
  }
  return null;
}

/** How deeply arrays and objects nest in the variables (the variables object is level 1). */
export function checkVariablesNesting(variables: unknown): string | null {
  const pending: Array<{ value: unknown; level: number }> = [{ value: variables, level: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, level } = next;
    if (value === null || typeof value !== 'object') continue;
    if (level > MAX_VARIABLES_NESTING) return `Variables are nested deeper than ${MAX_VARIABLES_NESTING} levels`;
    for (const item of Array.isArray(value) ? value : Object.values(value)) pending.push({ value: item, level: level + 1 });
  }
  return null;
}
