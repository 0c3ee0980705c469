module github.com/baogao/baogao

go 1.26.8
