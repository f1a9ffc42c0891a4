package upper

const U = "U"
