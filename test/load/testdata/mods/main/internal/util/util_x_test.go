package util_test

import (
	"testing"

	"example.com/main/internal/util"
)

func TestX(t *testing.T) { _ = util.U }
