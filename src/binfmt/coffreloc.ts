export function coffRelocName(machine: number, type: number): string { return `IMAGE_REL_${machine}_${type}`; }
