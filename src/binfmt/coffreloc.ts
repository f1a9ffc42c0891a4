import { CoffRelocNames } from "./relocnames.js";

/** coffRelocName names a COFF relocation type of a machine (IMAGE_REL_AMD64_REL32), or IMAGE_REL_<machine>_<n> when unknown. */
export function coffRelocName(machine: number, type: number): string {
  return CoffRelocNames[machine]?.[type] ?? `IMAGE_REL_0x${machine.toString(16)}_${type}`;
}
