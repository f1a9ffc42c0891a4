package d

const D = "d"
