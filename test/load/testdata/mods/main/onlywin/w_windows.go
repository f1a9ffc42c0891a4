package onlywin
