package util

const OS = "linux"
