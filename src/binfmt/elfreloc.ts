import { ElfRelocNames } from "./relocnames.js";

/** elfRelocName names an ELF relocation type of a machine as Go's debug/elf does (R_X86_64_PC32), or R_<machine>_<n> when unknown. */
export function elfRelocName(machine: number, type: number): string {
  return ElfRelocNames[machine]?.[type] ?? `R_${machine}_${type}`;
}
