//go:build othertag

package tags
