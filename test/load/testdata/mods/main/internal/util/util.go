package util

const U = "u"
