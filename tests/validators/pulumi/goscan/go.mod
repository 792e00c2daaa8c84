module goscan

go 1.19
