package a

const OS = "windows"
