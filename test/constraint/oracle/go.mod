module crossgo.test/constraintoracle

go 1.19
