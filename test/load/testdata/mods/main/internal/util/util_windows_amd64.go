package util

const OS = "windows/amd64"
