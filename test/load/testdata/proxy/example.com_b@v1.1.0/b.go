package b

func B() string { return "b v1.1.0" }
