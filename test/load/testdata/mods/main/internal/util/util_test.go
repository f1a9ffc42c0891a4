package util

import "testing"

func TestU(t *testing.T) {}
