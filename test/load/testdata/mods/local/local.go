package local

const L = "local"
