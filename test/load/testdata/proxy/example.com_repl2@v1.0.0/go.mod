module example.com/repl

go 1.22
