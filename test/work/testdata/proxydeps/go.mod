module example.com/proxydeps

go 1.23

require example.com/greet v1.0.0
