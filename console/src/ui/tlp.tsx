/** The FIRST Traffic Light Protocol 2.0 definitions (first.org/tlp), shown beside the choice and on what was shared. */
export const TLP_DEFINITIONS: Record<string, string> = {
  "TLP:RED": "For the eyes and ears of individual recipients only, no further disclosure.",
  "TLP:AMBER+STRICT": "Limited disclosure, recipients can only spread this within their organisation.",
  "TLP:AMBER": "Limited disclosure, recipients can only spread this on a need-to-know basis within their organisation and its clients.",
  "TLP:GREEN": "Limited disclosure, recipients can spread this within their community.",
  "TLP:CLEAR": "Recipients can spread this to the world, there is no limit on disclosure.",
};

export function TlpBanner({ tlp }: { tlp?: string | null }) {
  if (!tlp) return null;
  const level = tlp.replace("TLP:", "").toLowerCase().replace("+", "-");
  return (
    <p class={"tlp tlp-" + level} role="note">
      <strong>{tlp}</strong> {TLP_DEFINITIONS[tlp] ?? ""}
    </p>
  );
}
