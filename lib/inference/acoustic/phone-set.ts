// The acoustic model's units: the 39 CMU base phones (stress is not acoustic enough to model
// separately with this little data) plus silence.
import { ARPABET_BASE_PHONES } from "@/lib/rubric/arpabet-ipa";

export const SIL = "SIL";
export const UNITS: readonly string[] = [...ARPABET_BASE_PHONES, SIL];
export const SIL_INDEX = UNITS.length - 1;
export const STATES_PER_UNIT = 3;

const INDEX = new Map(UNITS.map((u, i) => [u, i]));

/** Unit index of a CMU phone with or without stress ("AH0" → AH); throws on an unknown symbol. */
export function unitIndex(phone: string): number {
  const base = phone.toUpperCase().replace(/[012]$/, "");
  const i = INDEX.get(base);
  if (i === undefined) throw new Error(`unknown phone "${phone}" (expected a CMU ARPAbet phone)`);
  return i;
}
