module example.com/single

go 1.22

require example.com/zeta v1.0.0

replace example.com/zeta => ../zetalocal
