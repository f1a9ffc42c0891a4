package asm

func Add(a, b int) int
