module example.com/main

go 1.22

require (
	example.com/Upper v1.0.0
	example.com/a v1.0.0
	example.com/b v1.2.0
	example.com/c v1.0.0
	example.com/local v0.0.0
	example.com/old v1.0.0
	example.com/repl v1.0.0
)

require example.com/d v1.0.0 // indirect

replace example.com/local => ../local

replace example.com/repl v1.0.0 => example.com/repl2 v1.0.0
