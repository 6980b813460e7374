/** web/build.ts loads .graphql files as text (the console bundles the schema's SDL). */
declare module '*.graphql' {
  const text: string;
  export default text;
}
