package b

func B() string { return "b v1.0.0" }
