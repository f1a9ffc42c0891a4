export function elfRelocName(machine: number, type: number): string { return `R_${machine}_${type}`; }
