module example.com/alpha

go 1.21

require example.com/delta v1.1.0
