package zeta

const name = "windows"
