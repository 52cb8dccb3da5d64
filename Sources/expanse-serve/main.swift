print("expanse-serve: not built yet")
