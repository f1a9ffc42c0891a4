package b

func B() string { return "b v1.2.0" }
