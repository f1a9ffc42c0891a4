module example.com/vendored

go 1.23

require example.com/greet v1.0.0
