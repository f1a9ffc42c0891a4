module example.com/realmod

go 1.23

require (
	example.com/alpha v1.0.0
	example.com/beta v1.0.0
	example.com/eps v0.1.0
	example.com/gamma v1.0.0
	example.com/zeta v1.0.0
)

require example.com/delta v1.1.0 // indirect

// module@version, no version on the left
replace example.com/beta => example.com/betafork v1.2.0

// module@version, version on the left
replace example.com/delta v1.1.0 => example.com/delta v1.2.0

// directory, version on the left
replace example.com/gamma v1.0.0 => ./local/gamma

// directory, no version on the left
replace example.com/eps => ./local/eps
