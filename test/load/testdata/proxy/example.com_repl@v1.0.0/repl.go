package repl

const R = "original"
