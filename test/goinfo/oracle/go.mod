module crossgo.test/buildinfooracle

go 1.19
