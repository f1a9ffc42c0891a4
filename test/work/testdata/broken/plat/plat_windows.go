package plat

// Name fails to compile on purpose: the driver must report this file:line for windows
// targets and still build the others.
func Name() string { return 42 }
