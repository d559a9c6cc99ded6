/** A jurisdiction's name in English, from the browser's own ISO 3166 table (nothing to download). */
const names = new Intl.DisplayNames(["en"], { type: "region" });

export function jurisdictionName(code: string): string {
  let name: string | undefined;
  try {
    name = names.of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}
