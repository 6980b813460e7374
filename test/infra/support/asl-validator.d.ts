declare module 'asl-validator' {
  interface AslValidatorOptions {
    checkPaths?: boolean;
    checkArn?: boolean;
  }
  export default function validator(definition: unknown, options?: AslValidatorOptions): { isValid: boolean; errors: unknown[] };
}
