module example.com/d

go 1.16

require example.com/e v1.1.0
