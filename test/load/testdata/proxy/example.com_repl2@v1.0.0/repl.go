package repl

const R = "replacement"
