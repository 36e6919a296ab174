import { translator, type Translate } from "../../shared/i18n";
import { useLabStore } from "../store/context";

/** The translator for the language the page shows now. */
export function useT(): Translate {
  const language = useLabStore((s) => s.language);
  return translator(language);
}
