package cgo

const Pure = true
