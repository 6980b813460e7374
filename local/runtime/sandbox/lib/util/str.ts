// util.str.normalize(value, "nfc" | "nfd" | "nfkc" | "nfkd").
const FORMS = ['NFC', 'NFD', 'NFKC', 'NFKD'];

export function createStringUtils() {
  return {
    normalize(value: string, normalizationType: string): string {
      const form = `${normalizationType}`.toUpperCase();
      if (!FORMS.includes(form)) throw new TypeError(`Unsupported normalization type: ${normalizationType}`);
      return `${value}`.normalize(form);
    },
  };
}
