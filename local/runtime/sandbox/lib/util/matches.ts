// util.matches(pattern, value): Java's String.matches, i.e. the whole value must match. Java
// regular expressions are approximated by JavaScript ones anchored at both ends.

// Taken from a literal so it works even when the sandbox hides the global RegExp from resolvers.
const RegExpConstructor = /(?:)/.constructor as RegExpConstructor;

export function matches(pattern: string, value: string): boolean {
  return new RegExpConstructor(`^(?:${pattern})$`).test(`${value}`);
}
