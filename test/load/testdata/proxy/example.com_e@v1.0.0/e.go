package e

const E = "e"
